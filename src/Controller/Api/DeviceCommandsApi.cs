using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Messaging;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using MQTTnet.Protocol;

namespace InfoRadio.Controller.Api;

/// <summary>
/// POST /api/devices/{id}/commands: a one-shot <see cref="DeviceCommand"/> (set-volume, test-tone, reboot,
/// resync-clock, mute, unmute) published at QoS 1 on the device's command topic. Answered 202 because the device
/// applies it on its own; an offline device does not get it (commands are not queued), which <c>online</c> tells.
/// </summary>
public static class DeviceCommandsApi
{
    public sealed record CommandBody(string? Type, int? Volume);

    public sealed record CommandView(string CommandId, string DeviceId, string Type, bool Online);

    /// <summary>
    /// What a technician may send, listed rather than taken from the enum: commands added to the protocol for the
    /// controller's own use (e.g. delivering a rotated secret) must not become reachable through this endpoint.
    /// </summary>
    private static readonly Dictionary<string, DeviceCommandType> Types = new DeviceCommandType[]
    {
        DeviceCommandType.SetVolume, DeviceCommandType.TestTone, DeviceCommandType.Reboot,
        DeviceCommandType.ResyncClock, DeviceCommandType.Mute, DeviceCommandType.Unmute,
    }.ToDictionary(Name, t => t, StringComparer.Ordinal);

    public static RouteHandlerBuilder MapDeviceCommandsApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/devices/{id}/commands", SendAsync).WithTags("Devices").RequireAuthorization(AccountPolicies.Install).DeviceHiddenOutsideScope();

    private static async Task<IResult> SendAsync(string id, HttpContext http, DeviceRegistry registry, ControllerBus bus, TimeProvider time)
    {
        var log = http.Log(typeof(DeviceCommandsApi));
        var (body, problem) = await ApiBody.ReadAsync<CommandBody>(http.Request, log, http.RequestAborted);
        if (problem is not null)
        {
            http.Audit("device.command", id, false, "unreadable body");
            return problem;
        }
        if (Check(body!) is { } invalid)
        {
            http.Audit("device.command", id, false, invalid);
            return ApiBody.Invalid(log, invalid);
        }
        var type = Types[body!.Type!];
        var detail = type == DeviceCommandType.SetVolume ? $"{body.Type} {body.Volume}" : body.Type!;
        if (registry.Find(id) is not { } device)
        {
            http.Audit("device.command", id, false, $"{detail}: unknown device");
            return ApiProblems.Rejected(log, ApiProblems.NotFound($"no speaker with id '{id}'"), "unknown device");
        }
        var command = new DeviceCommand
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = type,
            IssuedUs = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000,
            Volume = type == DeviceCommandType.SetVolume ? body.Volume : null,
        };
        try
        {
            await bus.PublishAsync(TopicTree.DeviceCommands(device.Id), MessageCodec.Encode(command),
                MqttQualityOfServiceLevel.AtLeastOnce, retain: false, http.RequestAborted);
        }
        catch (Exception e) when (e is BusNotConnectedException or BusPublishException)
        {
            http.Audit("device.command", id, false, $"{detail}: {e.Message}");
            return ApiProblems.Rejected(log, ApiProblems.Unavailable($"the command could not be sent: {e.Message}"), "bus down");
        }
        http.Audit("device.command", id, true, $"{detail} (command {command.Id}, device {(device.Online ? "online" : "offline")})");
        return Results.Accepted(value: new CommandView(command.Id, device.Id, body.Type!, device.Online));
    }

    /// <summary>Null when the body is a command the protocol accepts, else why not.</summary>
    internal static string? Check(CommandBody body)
    {
        if (body.Type is null || !Types.TryGetValue(body.Type, out var type))
            return $"'type' must be one of {string.Join(", ", Types.Keys)}";
        if (type == DeviceCommandType.SetVolume)
            return body.Volume is null or < 0 or > 100 ? "set-volume needs 'volume' between 0 and 100" : null;
        return body.Volume is null ? null : $"'volume' only goes with set-volume, not {body.Type}";
    }

    private static string Name(DeviceCommandType type) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(type.ToString());
}
