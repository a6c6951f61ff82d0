using InfoRadio.Controller.Scheduling.Runtime;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Tests.Scheduling.Runtime;

/// <summary>Records what the scheduler asks of the broadcast side, with the (fake) time it asked.</summary>
internal sealed class RecordingAirOutput(TimeProvider time) : IAirOutput
{
    private int _sessions;

    public List<(string Session, string Slot, TimeSpan From, DateTimeOffset SoundStart, string Devices, DateTimeOffset At, DateTimeOffset SoundEnd)> Started { get; } = [];
    public List<(string Session, string Devices, string Reason, DateTimeOffset At)> Withdrawn { get; } = [];
    public List<(string Session, string Reason, DateTimeOffset At)> Cancelled { get; } = [];
    public Dictionary<string, NextItem?> Next { get; } = new(StringComparer.Ordinal);

    public Task WarmUpAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<string?> StartAsync(AirSegment segment, CancellationToken ct)
    {
        var session = $"session{++_sessions}";
        Started.Add((session, segment.Airing.Id, segment.From, segment.SoundStart, string.Join(',', segment.Devices.Order(StringComparer.Ordinal)), time.GetUtcNow(), segment.SoundEnd));
        return Task.FromResult<string?>(session);
    }

    public Task WithdrawAsync(string sessionId, IReadOnlyCollection<string> deviceIds, string reason, CancellationToken ct)
    {
        Withdrawn.Add((sessionId, string.Join(',', deviceIds.Order(StringComparer.Ordinal)), reason, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    public void Cancel(string sessionId, string reason) => Cancelled.Add((sessionId, reason, time.GetUtcNow()));

    public Task SetNextAsync(string deviceId, NextItem? next, CancellationToken ct)
    {
        Next[deviceId] = next;
        return Task.CompletedTask;
    }
}
