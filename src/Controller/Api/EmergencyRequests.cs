using System.Text.Json;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Api;

/// <summary>Reading an emergency request's parts; refusals are <see cref="SchedulingException"/> (a 400).</summary>
public static class EmergencyRequests
{
    public const int MaxTextLength = 5000;

    private sealed record TargetsBody(bool? All, string[]? Areas, string[]? Zones, string[]? Devices);

    /// <summary>The speakers the request's targets reach, and the targets as named, for the report.</summary>
    public static (BroadcastTargets Targets, IReadOnlyList<string> Names) Targets(JsonElement? element, TargetResolver resolver)
    {
        const string rule = "'targets' must be \"all\" or an object with \"all\": true or any of \"areas\", \"zones\", \"devices\" (lists of ids)";
        if (element is not { } e || e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) throw new SchedulingException(rule);
        if (e.ValueKind == JsonValueKind.String)
            return e.GetString() == "all" ? (BroadcastTargets.All, ["all"]) : throw new SchedulingException(rule);
        if (e.ValueKind != JsonValueKind.Object) throw new SchedulingException(rule);
        TargetsBody body;
        try
        {
            body = e.Deserialize<TargetsBody>(ApiBody.Options) ?? throw new SchedulingException(rule);
        }
        catch (JsonException ex)
        {
            throw new SchedulingException($"{rule}: {ex.Message}");
        }
        var set = TargetSet.Of(body.Devices, body.Zones, body.Areas);
        if (body.All == true)
            return set.IsEmpty ? (BroadcastTargets.All, ["all"]) : throw new SchedulingException("'targets': \"all\": true reaches everyone; name no areas, zones or devices with it");
        if (set.Validate() is { } bad) throw new SchedulingException("'targets': " + bad);
        var resolution = resolver.Resolve(set);
        if (!resolution.IsComplete) throw new SchedulingException("unknown targets: " + string.Join(", ", resolution.Unknown));
        if (resolution.DeviceIds.Count == 0) throw new SchedulingException("the targets reach no speaker");
        return (BroadcastTargets.Devices(resolution.DeviceIds), set.Refs().Select(r => r.ToString()).ToArray());
    }
}
