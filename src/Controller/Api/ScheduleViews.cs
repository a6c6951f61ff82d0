using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Api;

/// <summary>How the API shows a schedule: its lines, targets, stored clash policy and its next slots (times at +07:00).</summary>
public sealed record ScheduleView(
    string Id,
    string ProgramId,
    IReadOnlyList<RecurrenceLineBody> Lines,
    TargetsBody Targets,
    string ClashPolicy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt,
    IReadOnlyList<SlotView> NextSlots)
{
    public static ScheduleView Of(Schedule s, BroadcastProgram? program, DateTimeOffset now, int count) => new(
        s.Id, s.ProgramId,
        s.Lines.Select(l => new RecurrenceLineBody(l.Start.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), l.Rule)).ToArray(),
        new TargetsBody([.. s.Targets.Devices], [.. s.Targets.Zones], [.. s.Targets.Areas]),
        ApiBody.Token(s.ClashPolicy), Vn(s.CreatedAt), s.CancelledAt is { } c ? Vn(c) : null,
        program is null ? [] : Next(s, program, now, count).Select(x => new SlotView(Vn(x.Start), Vn(x.End))).ToArray());

    /// <summary>The first <paramref name="count"/> slots from <paramref name="now"/>, looking ever further ahead.</summary>
    public static IReadOnlyList<ScheduledSlot> Next(Schedule schedule, BroadcastProgram program, DateTimeOffset now, int count)
    {
        IReadOnlyList<ScheduledSlot> found = [];
        foreach (var days in (int[])[1, 7, 31, 366, 3660])
        {
            try
            {
                found = RecurrenceExpander.Slots(schedule, program, now, now.AddDays(days));
            }
            catch (SchedulingException)
            {
                break; // more slots than the expander returns at once: the shorter window already had plenty
            }
            if (found.Count >= count) break;
        }
        return found.Take(count).ToArray();
    }

    public static DateTimeOffset Vn(DateTimeOffset instant) => instant.ToOffset(BroadcastTimeZone.Offset);
}

public sealed record SlotView(DateTimeOffset Start, DateTimeOffset End);

/// <summary>The clashes of a schedule with those already stored, per entry of its targets.</summary>
public sealed record ClashTargetView(string Target, IReadOnlyList<ClashingProgramView> Programs, IReadOnlyList<ClashView> Clashes, int Total);

public sealed record ClashingProgramView(string Id, string Title, string Class, string Origin);

public sealed record ClashView(DateTimeOffset Start, DateTimeOffset ExistingStart, string ExistingScheduleId, string ExistingProgramId, string Outcome, IReadOnlyList<string> Devices);

public static class ClashViews
{
    public const int MaxPerTarget = 20;

    public static IReadOnlyList<ClashTargetView> Of(ClashReport report) =>
        report.ByTarget.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal).Select(kv => new ClashTargetView(
            kv.Key.ToString(),
            kv.Value.Select(c => c.ExistingProgram).DistinctBy(p => p.Id)
                .Select(p => new ClashingProgramView(p.Id, p.Title, ApiBody.Token(p.Class), ApiBody.Token(p.Origin))).ToArray(),
            kv.Value.Take(MaxPerTarget).Select(c => new ClashView(ScheduleView.Vn(c.Candidate.Start), ScheduleView.Vn(c.Existing.Start),
                c.Existing.ScheduleId, c.Existing.ProgramId, ApiBody.Token(c.Outcome), c.DeviceIds)).ToArray(),
            kv.Value.Count)).ToArray();
}
