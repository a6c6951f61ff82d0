using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Tests.Scheduling;

/// <summary>Builders for the programs and schedules the scheduling tests use.</summary>
internal static class Samples
{
    /// <summary>2025-01-01 00:00 in Vietnam.</summary>
    public static readonly DateTimeOffset NewYear = new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));

    public static DateTime Local(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Unspecified);

    public static DateTimeOffset Vn(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(7));

    public static BroadcastProgram Program(
        string id,
        PriorityClass cls = PriorityClass.Normal,
        OriginLevel origin = OriginLevel.Commune,
        TimeSpan? duration = null,
        ProgramContent? content = null,
        PreemptionPolicy preemption = PreemptionPolicy.Resume,
        string author = "lan",
        bool requiresApproval = false) => new()
    {
        Id = id,
        Title = $"Program {id}",
        Content = content ?? new AudioFileContent($"media-{id}"),
        Class = cls,
        Origin = origin,
        Author = author,
        RequiresApproval = requiresApproval,
        Preemption = preemption,
        Duration = duration ?? TimeSpan.FromMinutes(15),
    };

    public static Schedule Schedule(
        string id,
        string programId,
        IReadOnlyList<RecurrenceLine> lines,
        TargetSet? targets = null,
        ClashPolicy clash = ClashPolicy.Append,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? cancelledAt = null) => new()
    {
        Id = id,
        ProgramId = programId,
        Lines = lines,
        Targets = targets ?? TargetSet.Of(zones: ["all-village"]),
        ClashPolicy = clash,
        CreatedAt = createdAt ?? NewYear.AddDays(-1),
        CancelledAt = cancelledAt,
    };
}
