using InfoRadio.DeviceAgent.Amplifier;
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
        var errors = Check(options, allowEnrollment: true);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem found, each as a sentence naming the setting (empty when valid).</summary>
    /// <param name="allowEnrollment">
    /// Accept options without device id and secret when they allow enrolling (serial and enrollment token): the host
    /// then finds the credentials in its state folder or enrolls before it starts the speaker.
    /// </param>
    public static IReadOnlyList<string> Check(AgentOptions options, bool allowEnrollment = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok) errors.Add(message);
        }

        var enrolling = allowEnrollment && string.IsNullOrEmpty(options.DeviceId) && string.IsNullOrEmpty(options.Secret);
        if (enrolling)
        {
            if (Protocol.Enrollment.EnrollmentIds.CheckSerial(options.Serial, "Agent:Serial") is { } serialError)
                errors.Add(serialError + " (or set Agent:DeviceId and Agent:Secret)");
            Require(!string.IsNullOrEmpty(options.EnrollmentToken), "Agent:EnrollmentToken is empty: set the installation's enrollment token (or Agent:DeviceId and Agent:Secret)");
            Require(options.Imei is null || options.Imei.Length is >= 1 and <= 16 && options.Imei.All(char.IsAsciiDigit), "Agent:Imei must be 1 to 16 digits");
            Require(options.EnrollmentRetrySeconds is >= 1 and <= 3_600, "Agent:EnrollmentRetrySeconds must be between 1 and 3600");
        }
        else
        {
            if (Identifiers.Check(options.DeviceId, "Agent:DeviceId") is { } idError) errors.Add(idError);
            Require(options.DeviceId != ReservedControllerId, $"Agent:DeviceId '{ReservedControllerId}' is reserved for the controller");
            Require(options.DeviceId != Protocol.Enrollment.EnrollmentIds.Username, $"Agent:DeviceId '{Protocol.Enrollment.EnrollmentIds.Username}' is reserved for enrollment");
            Require(!string.IsNullOrEmpty(options.Secret), "Agent:Secret is empty: set the per-device password issued by the controller");
        }
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
        Require(options.SavedClockMaxAgeHours is >= 0 and <= 8_760, "Agent:SavedClockMaxAgeHours must be between 0 and 8760");
        Require(options.ReconnectMinDelayMs is >= 1 and <= 600_000, "Agent:ReconnectMinDelayMs must be between 1 and 600000");
        Require(options.ReconnectMaxDelayMs >= options.ReconnectMinDelayMs && options.ReconnectMaxDelayMs <= 3_600_000,
            "Agent:ReconnectMaxDelayMs must be at least Agent:ReconnectMinDelayMs and at most 3600000");
        Require(options.KeepAliveSeconds is >= 1 and <= 3_600, "Agent:KeepAliveSeconds must be between 1 and 3600");
        Require(!string.IsNullOrEmpty(options.Firmware) && options.Firmware.Length <= 64 && !options.Firmware.Any(char.IsControl),
            "Agent:Firmware must be 1 to 64 printable characters");
        Require(options.MaxConcealedFrames is >= 0 and <= 1_000, "Agent:MaxConcealedFrames must be between 0 and 1000");
        Require(options.Volume is >= 0 and <= 100, "Agent:Volume must be between 0 and 100");
        Require(options.Cache is not null && options.Cache.MaxBytes >= 0, "Agent:Cache:MaxBytes must be 0 (no offline cache) or more");
        Require(options.Cache is null || (options.Cache.RetryMinSeconds >= 1 && options.Cache.RetryMaxSeconds >= options.Cache.RetryMinSeconds),
            "Agent:Cache:RetryMinSeconds must be at least 1 and Agent:Cache:RetryMaxSeconds at least that");
        CheckBoard(options.Board, errors);
        Require(options.EmergencyVolume is null or (>= 0 and <= 100), "Agent:EmergencyVolume must be between 0 and 100");
        Require(!string.IsNullOrWhiteSpace(options.StateDirectory), "Agent:StateDirectory is empty: the enrollment key, the credentials, the pushed configuration and the undelivered events are kept there");
        Require(options.EventQueue is { MaxEvents: >= 10 and <= 1_000_000 }, "Agent:EventQueue:MaxEvents must be between 10 and 1000000");
        Require(options.EventQueue is { MaxKilobytes: >= 64 and <= 1_048_576 }, "Agent:EventQueue:MaxKilobytes must be between 64 and 1048576");
        errors.AddRange(RelayDriverFactory.Check(options.Relays));
        if (options.Tls is { Enabled: true } tls)
        {
            Require(string.IsNullOrWhiteSpace(tls.Thumbprint) || Link.ServerCertificateTrust.NormalizeThumbprint(tls.Thumbprint) is not null,
                "Agent:Tls:Thumbprint must be 40 (SHA-1) or 64 (SHA-256) hex digits");
            Require(string.IsNullOrWhiteSpace(tls.CaFile) || File.Exists(tls.CaFile), $"Agent:Tls:CaFile '{tls.CaFile}' does not exist");
        }
        return errors;
    }

    private static void CheckBoard(Board.BoardOptions? board, List<string> errors)
    {
        if (board is null)
        {
            errors.Add("Agent:Board is null");
            return;
        }
        if (!Board.BoardOptions.Kinds.Contains(board.Kind))
            errors.Add($"Agent:Board:Kind '{board.Kind}' is unknown: use {string.Join(", ", Board.BoardOptions.Kinds)}");
        if (string.IsNullOrWhiteSpace(board.Root)) errors.Add("Agent:Board:Root is empty");
        if (board.Serial is { Length: > 64 }) errors.Add("Agent:Board:Serial is longer than 64 characters");
        if (board.Imei is { } imei && (imei.Trim().Length is 0 or > 20)) errors.Add("Agent:Board:Imei must be 1 to 20 characters");
        if (board.Latitude is < -90 or > 90) errors.Add("Agent:Board:Latitude must be between -90 and 90");
        if (board.Longitude is < -180 or > 180) errors.Add("Agent:Board:Longitude must be between -180 and 180");
        if (board.Kind != Board.BoardOptions.KindSimulated) return;
        var s = board.Simulated;
        if (s is null)
        {
            errors.Add("Agent:Board:Simulated is null");
            return;
        }
        if (s.AmplifierFault is not ("ok" or "open" or "short")) errors.Add("Agent:Board:Simulated:AmplifierFault must be ok, open or short");
        if (s.SpeakerFault is not ("ok" or "open" or "short")) errors.Add("Agent:Board:Simulated:SpeakerFault must be ok, open or short");
        if (s.Network is not { Length: > 0 and <= 16 }) errors.Add("Agent:Board:Simulated:Network must be 1 to 16 characters");
        if (s.SignalDbm is < -160 or > 0) errors.Add("Agent:Board:Simulated:SignalDbm must be between -160 and 0");
        if (s.TemperatureC is < -60 or > 150) errors.Add("Agent:Board:Simulated:TemperatureC must be between -60 and 150");
        if (s.SupplyVolts is < 0 or > 400) errors.Add("Agent:Board:Simulated:SupplyVolts must be between 0 and 400");
    }
}
