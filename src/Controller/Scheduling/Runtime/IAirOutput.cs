using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// Where the scheduler's decisions go: sessions on the devices' desired state and their audio. The controller's is
/// <see cref="BroadcastAirOutput"/>; tests record the calls.
/// </summary>
public interface IAirOutput
{
    /// <summary>Readies what the first session needs (e.g. the encoder's code paths), so that it is not late.</summary>
    Task WarmUpAsync(CancellationToken ct);

    /// <summary>
    /// Airs <paramref name="segment"/> (its audio from its position) on its devices only, so that its first sample
    /// sounds at its start; returns the session id, or null when it could not be started (logged by the output).
    /// </summary>
    Task<string?> StartAsync(AirSegment segment, CancellationToken ct);

    /// <summary>Takes the session off these devices only; the others keep playing it.</summary>
    Task WithdrawAsync(string sessionId, IReadOnlyCollection<string> deviceIds, string reason, CancellationToken ct);

    /// <summary>Ends the session everywhere (no device is left on it).</summary>
    void Cancel(string sessionId, string reason);

    /// <summary>Sets what the device's desired state announces as next.</summary>
    Task SetNextAsync(string deviceId, NextItem? next, CancellationToken ct);
}
