using System.Text.Json.Nodes;
using InfoRadio.Protocol.Topics;

namespace InfoRadio.Controller.Broker.External;

/// <summary>
/// The broker accounts the controller wants at mosquitto's dynamic-security plugin, pure: the same rights as
/// <see cref="TopicAccessPolicy"/>, written as dynsec roles, and the JSON commands that create them.
/// </summary>
/// <remarks>
/// mosquitto 2.0's dynsec has no <c>%u</c>/<c>%c</c> substitution in ACL topics (measured with 2.0.11), so every
/// device gets a role of its own with its concrete topics. Every default access is "deny" except unsubscribe.
/// A pattern ACL grants a subscription whose filter matches it, so <c>zones/+/desired</c> itself would pass the
/// zone pattern: a literal deny of higher priority refuses the wildcard while concrete zones pass.
/// </remarks>
public static class DynsecAccounts
{
    /// <summary>The textname that marks a dynsec client as one the controller manages (and may delete).</summary>
    public const string DeviceMarker = "inforadio device";

    public const string ControllerRoleName = "inforadio-controller";

    public const string DevicesRoleName = "inforadio-devices";

    private const string AnyZone = TopicTree.Root + "/zones/+/desired";
    private const string AnyStream = TopicTree.Root + "/streams/+/audio";

    public static string DeviceRoleName(string deviceId) => "inforadio-device-" + deviceId;

    /// <summary>The controller: every topic of the tree and beyond, never <c>$</c> topics (<c>#</c> does not match them).</summary>
    public static DynsecRole ControllerRole { get; } = new(ControllerRoleName,
    [
        new(DynsecAcl.PublishClientSend, "#", true),
        new(DynsecAcl.PublishClientReceive, "#", true),
        new(DynsecAcl.SubscribePattern, "#", true),
    ]);

    /// <summary>What every device shares: any concrete zone's desired state and any concrete stream's audio.</summary>
    public static DynsecRole DevicesRole { get; } = new(DevicesRoleName,
    [
        new(DynsecAcl.SubscribeLiteral, AnyZone, false, 10),
        new(DynsecAcl.SubscribeLiteral, AnyStream, false, 10),
        new(DynsecAcl.SubscribeLiteral, TopicTree.Root + "/streams/0/audio", false, 10),
        new(DynsecAcl.SubscribePattern, AnyZone, true),
        new(DynsecAcl.SubscribePattern, AnyStream, true),
        new(DynsecAcl.PublishClientReceive, AnyZone, true),
        new(DynsecAcl.PublishClientReceive, AnyStream, true),
    ]);

    /// <summary>One device's own topics: publish state, telemetry, events, clock requests; receive desired, commands, clock responses, plan.</summary>
    public static DynsecRole DeviceRole(string deviceId)
    {
        var acls = new List<DynsecAcl>();
        foreach (var topic in new[] { TopicTree.DeviceState(deviceId), TopicTree.DeviceTelemetry(deviceId), TopicTree.DeviceEvents(deviceId), TopicTree.ClockRequest(deviceId) })
            acls.Add(new(DynsecAcl.PublishClientSend, topic, true));
        foreach (var topic in new[] { TopicTree.DeviceDesired(deviceId), TopicTree.DeviceCommands(deviceId), TopicTree.ClockResponse(deviceId), TopicTree.DevicePlan(deviceId) })
        {
            acls.Add(new(DynsecAcl.SubscribeLiteral, topic, true));
            acls.Add(new(DynsecAcl.PublishClientReceive, topic, true));
        }
        return new DynsecRole(DeviceRoleName(deviceId), acls);
    }

    public static JsonObject SetDefaultAccess() => Command("setDefaultACLAccess", new JsonObject
    {
        ["acls"] = new JsonArray(
            Access("publishClientSend", false), Access("publishClientReceive", false),
            Access("subscribe", false), Access("unsubscribe", true)),
    });

    public static JsonObject CreateRole(DynsecRole role) => Command("createRole", new JsonObject
    {
        ["rolename"] = role.Name,
        ["acls"] = new JsonArray([.. role.Acls.Select(AclJson)]),
    });

    /// <summary>Adds one ACL to an existing role (an ACL already there is answered with an error, which is harmless).</summary>
    public static JsonObject AddRoleAcl(string role, DynsecAcl acl)
    {
        var json = AclJson(acl);
        json["command"] = "addRoleACL";
        json["rolename"] = role;
        return json;
    }

    public static JsonObject DeleteRole(string role) => Command("deleteRole", new JsonObject { ["rolename"] = role });

    /// <summary>A client whose client id must equal its username, as the embedded broker requires.</summary>
    public static JsonObject CreateClient(string username, string password, string textName, params string[] roles) => Command("createClient", new JsonObject
    {
        ["username"] = username,
        ["password"] = password,
        ["clientid"] = username,
        ["textname"] = textName,
        ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)new JsonObject { ["rolename"] = r })]),
    });

    public static JsonObject SetClientPassword(string username, string password) =>
        Command("setClientPassword", new JsonObject { ["username"] = username, ["password"] = password });

    public static JsonObject AddClientRole(string username, string role) =>
        Command("addClientRole", new JsonObject { ["username"] = username, ["rolename"] = role });

    public static JsonObject EnableClient(string username) => Command("enableClient", new JsonObject { ["username"] = username });

    public static JsonObject DisableClient(string username) => Command("disableClient", new JsonObject { ["username"] = username });

    public static JsonObject DeleteClient(string username) => Command("deleteClient", new JsonObject { ["username"] = username });

    public static JsonObject ListClients() => Command("listClients", new JsonObject { ["verbose"] = true, ["count"] = -1 });

    private static JsonObject Command(string name, JsonObject fields)
    {
        var json = new JsonObject { ["command"] = name };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            json[key] = value;
        }
        return json;
    }

    private static JsonObject Access(string type, bool allow) => new() { ["acltype"] = type, ["allow"] = allow };

    private static JsonObject AclJson(DynsecAcl acl) => new()
    {
        ["acltype"] = acl.Type,
        ["topic"] = acl.Topic,
        ["priority"] = acl.Priority,
        ["allow"] = acl.Allow,
    };
}
