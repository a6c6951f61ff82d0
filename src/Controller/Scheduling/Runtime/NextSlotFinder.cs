using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Scheduling.Runtime;

/// <summary>
/// Each device's next scheduled item: what already waits for its air, else the first slot of the catalog that
/// starts later and targets it. Expansions are kept until the catalog changes or the horizon runs short.
/// </summary>
internal sealed class NextSlotFinder(ISchedulingCatalog catalog, ITargetDirectory directory, TimeSpan horizon)
{
    private readonly SlotBuffer _buffer = new(catalog, horizon);
    private readonly TargetResolver _resolver = new(directory);

    public Dictionary<string, NextItem?> Find(DateTimeOffset now, IReadOnlyDictionary<string, (Airing Airing, DateTimeOffset At)> waiting)
    {
        var result = directory.Devices.ToDictionary(d => d.DeviceId, _ => (NextItem?)null, StringComparer.Ordinal);
        var resolved = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (slot, schedule) in _buffer.Slots(now + TimeSpan.FromTicks(1), now + horizon, []))
        {
            if (catalog.FindProgram(slot.ProgramId) is not { } program) continue;
            if (!resolved.TryGetValue(schedule.Id, out var devices))
                resolved[schedule.Id] = devices = _resolver.Resolve(schedule.Targets).DeviceIds;
            foreach (var device in devices)
                if (result.TryGetValue(device, out var next) && next is null)
                    result[device] = Item(program, slot.Start);
        }
        foreach (var (device, (airing, at)) in waiting)
            if (!result.TryGetValue(device, out var next) || next is null || ToUs(at) <= next.StartUs)
                result[device] = Item(airing.Program, at);
        return result;
    }

    private static NextItem Item(BroadcastProgram program, DateTimeOffset start) =>
        new() { Title = program.Title, Program = program.Id, StartUs = ToUs(start) };

    private static long ToUs(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
