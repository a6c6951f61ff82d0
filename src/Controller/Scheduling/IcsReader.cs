using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Calendar = Ical.Net.Calendar;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Reads what <see cref="IcsWriter"/> writes (and what other tools write in the same terms) back into programs and
/// schedules. Every failure becomes a message naming the event; nothing from the file is trusted unchecked.
/// Imported programs are drafts authored by the importing user: an approval cannot travel inside a file.
/// </summary>
internal sealed class IcsReader(IcsLimits limits)
{
    public IcsImportResult Read(string text, string importedBy, DateTimeOffset importedAt)
    {
        if (string.IsNullOrWhiteSpace(importedBy)) return IcsImportResult.Failure("the importing user is not known");
        if (IcsPrescan.Check(text, limits) is { } shape) return IcsImportResult.Failure(shape);

        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(text);
        }
        catch (Exception e)
        {
            // Hostile input meets a third-party parser here: whatever it throws is the file's fault, not ours.
            return IcsImportResult.Failure($"not a valid iCalendar file: {e.Message}");
        }
        if (calendar is null) return IcsImportResult.Failure("no VCALENDAR found");

        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var other in calendar.Children.Select(c => c.Name).Where(n => n is not ("VEVENT" or "VTIMEZONE")).Distinct())
            warnings.Add($"{other} components are not broadcast schedules and were ignored");
        if (calendar.Events.Count == 0) return IcsImportResult.Failure("the calendar has no events");

        var zones = new IcsTimes(calendar);
        var events = new List<IcsEvent>();
        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var evt in calendar.Events)
        {
            // Ical.Net invents a UID for an event without one; identity comes from the X-INFORADIO properties anyway.
            var uid = evt.Uid ?? "";
            var label = $"event {Clip(uid)}";
            if (!uids.Add(uid)) { errors.Add($"{label}: the UID appears twice"); continue; }
            try
            {
                events.Add(ReadEvent(evt, uid, zones, importedBy, importedAt));
            }
            catch (SchedulingException e)
            {
                errors.Add($"{label}: {e.Message}");
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or InvalidOperationException or OverflowException)
            {
                errors.Add($"{label}: cannot be read: {e.Message}");
            }
        }

        var programs = Assemble(events, e => e.Program.Id, e => e.Program, "program", errors, (a, b) => a.Program.Equals(b.Program));
        var schedules = Assemble(events, e => e.Schedule.Id, e => e.Schedule, "schedule", errors, (a, b) => (a.Schedule with { Lines = [] }).Equals(b.Schedule with { Lines = [] }));
        var built = new List<Schedule>();
        foreach (var schedule in schedules)
        {
            var lines = events.Where(e => e.Schedule.Id == schedule.Id).OrderBy(e => e.LineIndex).ToArray();
            if (lines.Select((e, i) => e.LineIndex == i).Any(ok => !ok))
            {
                errors.Add($"schedule {schedule.Id}: its events must have {IcsNames.Line} 0, 1, 2 … without gaps or repeats");
                continue;
            }
            var complete = schedule with { Lines = lines.Select(e => e.Line).ToArray() };
            if (complete.Validate() is { } invalid) errors.Add($"schedule {schedule.Id}: {invalid}");
            else built.Add(complete);
        }
        foreach (var program in programs)
            if (program.Validate() is { } invalid) errors.Add($"program {program.Id}: {invalid}");

        if (errors.Count > 0)
        {
            var shown = errors.Take(limits.MaxErrors).ToList();
            if (errors.Count > shown.Count) shown.Add($"… and {errors.Count - shown.Count} more errors");
            return new IcsImportResult([], [], shown, warnings);
        }
        return new IcsImportResult(programs, built, [], warnings);
    }

    private static IcsEvent ReadEvent(CalendarEvent evt, string uid, IcsTimes times, string importedBy, DateTimeOffset importedAt)
    {
        foreach (var unsupported in new[] { "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID" })
            if (evt.Properties.ContainsKey(unsupported)) throw new SchedulingException($"{unsupported} is not supported: express the slots with DTSTART and one RRULE per event");
        if (evt.Properties.AllOf("RRULE").Count() > 1) throw new SchedulingException("more than one RRULE: put each rule in its own event");

        var start = times.Start(evt);
        var rule = times.Rule(evt);
        var duration = times.Duration(evt, start);

        var programId = Required(evt, IcsNames.Program);
        var kind = Token<ProgramKind>(evt, IcsNames.Kind);
        var program = new BroadcastProgram
        {
            Id = programId,
            Title = evt.Summary ?? throw new SchedulingException("SUMMARY (the program title) is missing"),
            Content = Content(evt, kind),
            Class = Token<Protocol.Messages.PriorityClass>(evt, IcsNames.Class),
            Origin = Token<Protocol.Messages.OriginLevel>(evt, IcsNames.Origin),
            Author = importedBy.Trim(),
            RequiresApproval = Bool(evt, IcsNames.ApprovalRequired),
            Preemption = Token<PreemptionPolicy>(evt, IcsNames.Preemption),
            Duration = duration,
        };

        DateTimeOffset? cancelled = null;
        if (Text(evt, IcsNames.Cancelled) is { } c)
            cancelled = IcsNames.TryParseUtc(c, out var at) ? at : throw new SchedulingException($"{IcsNames.Cancelled} must be a UTC time like 20250101T000000Z");

        var line = new RecurrenceLine(start, rule);
        var schedule = new Schedule
        {
            Id = Required(evt, IcsNames.Schedule),
            ProgramId = programId,
            Lines = [line],
            Targets = TargetSet.Of(List(evt, IcsNames.Devices), List(evt, IcsNames.Zones), List(evt, IcsNames.Areas)),
            ClashPolicy = Token<ClashPolicy>(evt, IcsNames.Clash),
            CreatedAt = times.Created(evt) ?? importedAt,
            CancelledAt = cancelled,
        };
        var lineText = Required(evt, IcsNames.Line);
        if (!int.TryParse(lineText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= Schedule.MaxLines)
            throw new SchedulingException($"{IcsNames.Line} must be a number below {Schedule.MaxLines}");
        if (line.Validate() is { } invalid) throw new SchedulingException(invalid);
        return new IcsEvent(uid, index, line, program, schedule);
    }

    private static ProgramContent Content(CalendarEvent evt, ProgramKind kind) => kind switch
    {
        ProgramKind.AudioFile => new AudioFileContent(Required(evt, IcsNames.Media)),
        ProgramKind.Playlist => new PlaylistContent(Required(evt, IcsNames.Media)),
        ProgramKind.StreamRelay => new StreamRelayContent(Required(evt, IcsNames.StreamUrl), Text(evt, IcsNames.Media) is { Length: > 0 } fallback ? fallback.Trim() : null),
        ProgramKind.LiveSlot => new LiveSlotContent(),
        _ => new TtsBulletinContent(
            evt.Description ?? throw new SchedulingException("DESCRIPTION (the bulletin text) is missing"),
            Text(evt, IcsNames.Voice) is null ? TtsVoice.Northern : Token<TtsVoice>(evt, IcsNames.Voice),
            Text(evt, IcsNames.Speed) is { } s
                ? double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) ? speed : throw new SchedulingException($"{IcsNames.Speed} is not a number")
                : 1.0,
            Text(evt, IcsNames.Media) is { Length: > 0 } recording ? recording.Trim() : null),
    };

    /// <summary>Keeps one of each id, and reports ids whose events disagree about what they describe.</summary>
    private static List<T> Assemble<T>(List<IcsEvent> events, Func<IcsEvent, string> id, Func<IcsEvent, T> pick, string what, List<string> errors, Func<IcsEvent, IcsEvent, bool> same)
    {
        var result = new List<T>();
        foreach (var group in events.GroupBy(id, StringComparer.Ordinal))
        {
            var first = group.First();
            var odd = group.FirstOrDefault(e => !same(first, e));
            if (odd is not null) errors.Add($"{what} {group.Key}: events {Clip(first.Uid)} and {Clip(odd.Uid)} describe it differently");
            else result.Add(pick(first));
        }
        return result;
    }

    private static string? Text(CalendarEvent evt, string name) =>
        evt.Properties[name]?.Value is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    private static string Required(CalendarEvent evt, string name) =>
        Text(evt, name) is { Length: > 0 } v ? v.Trim() : throw new SchedulingException($"{name} is missing");

    private static T Token<T>(CalendarEvent evt, string name) where T : struct, Enum =>
        IcsNames.TryParse<T>(Required(evt, name), out var value) ? value : throw new SchedulingException($"{name} must be one of: {IcsNames.Tokens<T>()}");

    private static bool Bool(CalendarEvent evt, string name) => Required(evt, name).ToUpperInvariant() switch
    {
        "TRUE" => true,
        "FALSE" => false,
        _ => throw new SchedulingException($"{name} must be TRUE or FALSE"),
    };

    private static string[] List(CalendarEvent evt, string name) =>
        Text(evt, name) is { } v ? v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

    private static string Clip(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
