using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Offline;

/// <summary>
/// Each device's plan: the slots of the coming horizon that target it, from the scheduler's own expansion
/// (<see cref="SlotBuffer"/>, the one "next" and the planner use) and target resolution, whose program may air
/// (approved if it must be) and whose audio can be cached. At most <see cref="PlayPlan.MaxItems"/> per device, the
/// soonest first. Pure: the content of a program comes from the caller.
/// </summary>
public sealed class PlanBuilder(ISchedulingCatalog catalog, ITargetDirectory directory, TimeSpan horizon)
{
    private readonly SlotBuffer _buffer = new(catalog, horizon);
    private readonly TargetResolver _resolver = new(directory);

    /// <param name="content">The cached content of a program, or null when it has none (not stored audio, unreadable).</param>
    public Dictionary<string, List<PlannedItem>> Build(DateTimeOffset now, Func<BroadcastProgram, PlanContent?> content)
    {
        var result = directory.Devices.ToDictionary(d => d.DeviceId, _ => new List<PlannedItem>(), StringComparer.Ordinal);
        var resolved = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var contents = new Dictionary<string, PlanContent?>(StringComparer.Ordinal);
        foreach (var (slot, schedule) in _buffer.Slots(now + TimeSpan.FromTicks(1), now + horizon, []))
        {
            if (catalog.FindProgram(slot.ProgramId) is not { CanAir: true } program) continue;
            if (!contents.TryGetValue(program.Id, out var file)) contents[program.Id] = file = content(program);
            if (file is null) continue;
            if (!resolved.TryGetValue(schedule.Id, out var devices))
                resolved[schedule.Id] = devices = _resolver.Resolve(schedule.Targets).DeviceIds;
            var item = new PlanItem
            {
                Id = PlanItemIds.For(program.Id, slot.Start), Program = program.Id, Title = program.Title,
                StartUs = (slot.Start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10,
                Priority = program.Class, Origin = program.Origin, Content = file,
            };
            foreach (var device in devices)
            {
                // Two schedules of one program at one instant are one airing, as the item id says.
                if (result.TryGetValue(device, out var list) && list.Count < PlayPlan.MaxItems && list.TrueForAll(i => i.Item.Id != item.Id))
                    list.Add(new PlannedItem(item, schedule.Id, slot.Start));
            }
        }
        return result;
    }
}

/// <summary>A plan item with the schedule and slot it came from.</summary>
public sealed record PlannedItem(PlanItem Item, string ScheduleId, DateTimeOffset SlotStart);
