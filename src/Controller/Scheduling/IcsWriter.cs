using System.Globalization;
using Ical.Net;
using Calendar = Ical.Net.Calendar;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Writes schedules as VEVENTs, one per recurrence line, with DTSTART in Asia/Ho_Chi_Minh (and its VTIMEZONE, a
/// fixed +07:00), UNTIL in UTC as RFC 5545 requires, and the program and targets in X-INFORADIO-* properties.
/// </summary>
internal static class IcsWriter
{
    public static string Write(IEnumerable<ScheduledProgram> entries, DateTimeOffset exportedAt)
    {
        var calendar = new Calendar { ProductId = IcsNames.ProductId };
        calendar.TimeZones.Add(VietnamZone());
        foreach (var (program, schedule) in entries)
        {
            if (program.Validate() is { } pe) throw new SchedulingException($"program {program.Id}: {pe}");
            if (schedule.Validate() is { } se) throw new SchedulingException($"schedule {schedule.Id}: {se}");
            if (schedule.ProgramId != program.Id) throw new SchedulingException($"schedule {schedule.Id} airs {schedule.ProgramId}, not {program.Id}");
            for (var i = 0; i < schedule.Lines.Count; i++)
                calendar.Events.Add(Event(program, schedule, i, exportedAt));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? throw new SchedulingException("Ical.Net could not write the calendar");
    }

    private static CalendarEvent Event(BroadcastProgram program, Schedule schedule, int index, DateTimeOffset exportedAt)
    {
        var line = schedule.Lines[index];
        var evt = new CalendarEvent
        {
            Uid = $"{schedule.Id}.{index}{IcsNames.UidSuffix}",
            DtStamp = Utc(exportedAt),
            Created = Utc(schedule.CreatedAt),
            DtStart = new CalDateTime(line.Start, BroadcastTimeZone.Id, true),
            Duration = Ical.Net.DataTypes.Duration.FromTimeSpanExact(program.Duration),
            Summary = program.Title,
        };
        if (line.Rule is { } text)
        {
            var rule = RecurrenceRuleText.Parse(text);
            if (rule.Until is { } until) rule.Until = Utc(BroadcastTimeZone.ToInstant(until.Value));
            evt.RecurrenceRule = rule;
        }

        evt.AddProperty(IcsNames.Schedule, schedule.Id);
        evt.AddProperty(IcsNames.Line, index.ToString(CultureInfo.InvariantCulture));
        evt.AddProperty(IcsNames.Program, program.Id);
        evt.AddProperty(IcsNames.Kind, IcsNames.Token(program.Kind));
        switch (program.Content)
        {
            case AudioFileContent file: evt.AddProperty(IcsNames.Media, file.MediaId); break;
            case PlaylistContent list: evt.AddProperty(IcsNames.Media, list.PlaylistId); break;
            case StreamRelayContent relay:
                evt.AddProperty(IcsNames.StreamUrl, relay.StreamUrl);
                if (relay.FallbackMediaId is { } fallback) evt.AddProperty(IcsNames.Media, fallback);
                break;
            case TtsBulletinContent tts:
                evt.Description = tts.Text;
                evt.AddProperty(IcsNames.Voice, IcsNames.Token(tts.Voice));
                evt.AddProperty(IcsNames.Speed, tts.Speed.ToString("R", CultureInfo.InvariantCulture));
                if (tts.RecordedMediaId is { } recording) evt.AddProperty(IcsNames.Media, recording);
                break;
        }
        evt.AddProperty(IcsNames.Class, IcsNames.Token(program.Class));
        evt.AddProperty(IcsNames.Origin, IcsNames.Token(program.Origin));
        evt.AddProperty(IcsNames.Preemption, IcsNames.Token(program.Preemption));
        evt.AddProperty(IcsNames.ApprovalRequired, program.RequiresApproval ? "TRUE" : "FALSE");
        evt.AddProperty(IcsNames.Clash, IcsNames.Token(schedule.ClashPolicy));
        if (schedule.Targets.Devices.Count > 0) evt.AddProperty(IcsNames.Devices, string.Join(',', schedule.Targets.Devices));
        if (schedule.Targets.Zones.Count > 0) evt.AddProperty(IcsNames.Zones, string.Join(',', schedule.Targets.Zones));
        if (schedule.Targets.Areas.Count > 0) evt.AddProperty(IcsNames.Areas, string.Join(',', schedule.Targets.Areas));
        if (schedule.CancelledAt is { } cancelled) evt.AddProperty(IcsNames.Cancelled, IcsNames.Utc(cancelled));
        return evt;
    }

    /// <summary>Vietnam's zone as a VTIMEZONE with one STANDARD part at +07:00, so readers need no tz database either.</summary>
    private static VTimeZone VietnamZone()
    {
        // Not new VTimeZone(id): that constructor looks the id up in NodaTime's tz database.
        var zone = new VTimeZone();
        zone.Properties.Set("TZID", BroadcastTimeZone.Id);
        var standard = new VTimeZoneInfo("STANDARD")
        {
            OffsetFrom = new UtcOffset(BroadcastTimeZone.Offset),
            OffsetTo = new UtcOffset(BroadcastTimeZone.Offset),
            DtStart = new CalDateTime(1970, 1, 1, 0, 0, 0),
            TimeZoneName = "ICT",
        };
        zone.TimeZoneInfos.Add(standard);
        return zone;
    }

    private static CalDateTime Utc(DateTimeOffset instant) =>
        new(DateTime.SpecifyKind(new DateTime(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc), CalDateTime.UtcTzId, true);
}
