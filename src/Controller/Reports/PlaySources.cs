using InfoRadio.Controller.Broadcasting;

namespace InfoRadio.Controller.Reports;

/// <summary>Names what a play was from the broadcast's record (pure).</summary>
public static class PlaySources
{
    public static void Describe(PlayLogEntry entry, BroadcastRecord? record)
    {
        entry.SourceResolved = true;
        if (record is null)
        {
            entry.Kind = PlayKinds.Unknown;
            return;
        }
        var source = record.Source;
        entry.Title = record.Title;
        entry.ProgramId = source?.ProgramId;
        entry.ScheduleId = source?.ScheduleId;
        entry.SlotStart = source?.SlotStart;
        entry.EmergencyId = source?.EmergencyId;
        entry.CapIdentifier = source?.CapIdentifier;
        entry.Kind = source?.EmergencyId is not null ? PlayKinds.Emergency
            : source?.ScheduleId is not null ? PlayKinds.Scheduled
            : record.Profile == BroadcastProfiles.LiveName ? PlayKinds.Live
            : record.Profile == BroadcastProfiles.EmergencyName ? PlayKinds.Emergency
            : PlayKinds.Upload;
    }

    /// <summary>
    /// A play from a speaker's offline cache: its session is a play-plan item, which names the program and slot.
    /// </summary>
    public static void Describe(PlayLogEntry entry, Offline.PlanItemDocument item)
    {
        entry.SourceResolved = true;
        entry.FromCache = true;
        entry.Kind = PlayKinds.Scheduled;
        entry.Title = item.Title;
        entry.ProgramId = item.ProgramId;
        entry.ScheduleId = item.ScheduleId;
        entry.SlotStart = new DateTimeOffset(DateTime.SpecifyKind(item.SlotStart, DateTimeKind.Utc));
    }

    public static void CopyDescription(PlayLogEntry from, PlayLogEntry to)
    {
        if (to.SourceResolved || !from.SourceResolved) return;
        to.Kind = from.Kind;
        to.Title = from.Title;
        to.ProgramId = from.ProgramId;
        to.ScheduleId = from.ScheduleId;
        to.SlotStart = from.SlotStart;
        to.EmergencyId = from.EmergencyId;
        to.CapIdentifier = from.CapIdentifier;
        to.FromCache = from.FromCache;
        to.SourceResolved = true;
    }
}
