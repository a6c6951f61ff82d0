using InfoRadio.Protocol;
using Microsoft.Extensions.Options;

namespace InfoRadio.DeviceAgent;

/// <summary>Checks <see cref="AgentOptions"/> before anything connects, so a bad file fails with every reason at once.</summary>
public sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    /// <summary>User name of the controller's own MQTT client; no device may take it.</summary>
    public const string ReservedControllerId = "controller";

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem found, each as a sentence naming the setting (empty when valid).</summary>
    public static IReadOnlyList<string> Check(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok) errors.Add(message);
        }

        if (Identifiers.Check(options.DeviceId, "Agent:DeviceId") is { } idError) errors.Add(idError);
        Require(options.DeviceId != ReservedControllerId, $"Agent:DeviceId '{ReservedControllerId}' is reserved for the controller");
        Require(!string.IsNullOrEmpty(options.Secret), "Agent:Secret is empty: set the per-device password issued by the controller");
        Require(!string.IsNullOrWhiteSpace(options.ControllerHost), "Agent:ControllerHost is empty");
        Require(options.ControllerPort is >= 1 and <= 65_535, "Agent:ControllerPort must be between 1 and 65535");
        if (options.Zones is null)
        {
            errors.Add("Agent:Zones is null");
        }
        else
        {
            for (var i = 0; i < options.Zones.Length; i++)
                if (Identifiers.Check(options.Zones[i], $"Agent:Zones[{i}]") is { } zoneError) errors.Add(zoneError);
        }
        Require(options.Sink is not null && AgentOptions.SinkNames.Contains(options.Sink),
            $"Agent:Sink '{options.Sink}' is unknown: use {string.Join(", ", AgentOptions.SinkNames)}");
        Require(options.Sink != "wav" || !string.IsNullOrWhiteSpace(options.WavDirectory), "Agent:WavDirectory is empty but Agent:Sink is wav");
        Require(options.Sink != "alsa" || !string.IsNullOrWhiteSpace(options.AlsaDevice), "Agent:AlsaDevice is empty but Agent:Sink is alsa");
        Require(!options.SinkTimingLog || !string.IsNullOrWhiteSpace(options.SinkTimingDirectory),
            "Agent:SinkTimingDirectory is empty but Agent:SinkTimingLog is on");
        Require(options.AlsaBufferMs is >= 20 and <= 2_000, "Agent:AlsaBufferMs must be between 20 and 2000");
        Require(options.TelemetryIntervalSeconds is >= 1 and <= 86_400, "Agent:TelemetryIntervalSeconds must be between 1 and 86400");
        Require(options.ClockSyncIntervalSeconds is >= 1 and <= 3_600, "Agent:ClockSyncIntervalSeconds must be between 1 and 3600");
        Require(options.ClockSyncFastIntervalMs is >= 100 and <= 3_600_000, "Agent:ClockSyncFastIntervalMs must be between 100 and 3600000");
        Require(options.ReconnectMinDelayMs is >= 1 and <= 600_000, "Agent:ReconnectMinDelayMs must be between 1 and 600000");
        Require(options.ReconnectMaxDelayMs >= options.ReconnectMinDelayMs && options.ReconnectMaxDelayMs <= 3_600_000,
            "Agent:ReconnectMaxDelayMs must be at least Agent:ReconnectMinDelayMs and at most 3600000");
        Require(options.KeepAliveSeconds is >= 1 and <= 3_600, "Agent:KeepAliveSeconds must be between 1 and 3600");
        Require(!string.IsNullOrEmpty(options.Firmware) && options.Firmware.Length <= 64 && !options.Firmware.Any(char.IsControl),
            "Agent:Firmware must be 1 to 64 printable characters");
        Require(options.MaxConcealedFrames is >= 0 and <= 1_000, "Agent:MaxConcealedFrames must be between 0 and 1000");
        Require(options.Volume is >= 0 and <= 100, "Agent:Volume must be between 0 and 100");
        if (options.Tls is { Enabled: true } tls)
        {
            Require(string.IsNullOrWhiteSpace(tls.Thumbprint) || Link.ServerCertificateTrust.NormalizeThumbprint(tls.Thumbprint) is not null,
                "Agent:Tls:Thumbprint must be 40 (SHA-1) or 64 (SHA-256) hex digits");
            Require(string.IsNullOrWhiteSpace(tls.CaFile) || File.Exists(tls.CaFile), $"Agent:Tls:CaFile '{tls.CaFile}' does not exist");
        }
        return errors;
    }
}
