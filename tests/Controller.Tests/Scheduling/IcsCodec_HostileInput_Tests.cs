using System.Text;
using InfoRadio.Controller.Scheduling;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Scheduling;

[Collection(IcalNetCollection.Name)]
public sealed class IcsCodec_HostileInput_Tests
{
    private static readonly DateTimeOffset Now = Vn(2025, 3, 1, 10);
    private static readonly IcsCodec Codec = new();

    private static readonly string Good = Codec.Export(IcsCodec_RoundTrip_Tests.Calendar(), Now);

    /// <summary>One valid event; tests edit it to break one thing at a time.</summary>
    private static string Event(string replace = "", string with = "", string extra = "") =>
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e1@x\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20250301T070000\r\nDURATION:PT15M\r\n" +
         "RRULE:FREQ=DAILY\r\nSUMMARY:Tin sáng\r\nX-INFORADIO-SCHEDULE:s1\r\nX-INFORADIO-LINE:0\r\nX-INFORADIO-PROGRAM:p1\r\n" +
         "X-INFORADIO-KIND:audio-file\r\nX-INFORADIO-MEDIA:m1\r\nX-INFORADIO-CLASS:normal\r\nX-INFORADIO-ORIGIN:commune\r\n" +
         "X-INFORADIO-PREEMPTION:resume\r\nX-INFORADIO-CLASH:append\r\nX-INFORADIO-APPROVAL-REQUIRED:FALSE\r\nX-INFORADIO-ZONES:market\r\n" +
         extra + "END:VEVENT\r\nEND:VCALENDAR\r\n").Replace(replace.Length == 0 ? "\u0001" : replace, with);

    private static void Refused(string ics, string expected, IcsCodec? codec = null)
    {
        var result = (codec ?? Codec).Import(ics, "lan", Now);
        Assert.False(result.Succeeded);
        Assert.Empty(result.Programs);
        Assert.Empty(result.Schedules);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_baseline_event_is_accepted()
    {
        var result = Codec.Import(Event(), "lan", Now);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new RecurrenceLine(Local(2025, 3, 1, 7), "FREQ=DAILY"), result.Schedules.Single().Lines.Single());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("hello", "outside")]
    [InlineData("BEGIN:VEVENT\r\nEND:VEVENT\r\n", "must start with BEGIN:VCALENDAR")]
    [InlineData("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "only one VCALENDAR")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nBEGIN:VALARM\r\nBEGIN:X\r\nEND:X\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "nested deeper")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n", "never closed")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "does not close")]
    [InlineData("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events")]
    [InlineData("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\ntrailing", "outside")]
    [InlineData("BEGIN:VCALENDAR\r\nVERSION:2.0\0\r\nEND:VCALENDAR\r\n", "binary")]
    public void Files_of_the_wrong_shape_are_refused_before_parsing(string ics, string expected) => Refused(ics, expected);

    [Fact]
    public void Size_line_length_and_event_count_are_bounded()
    {
        var small = new IcsCodec(new IcsLimits { MaxChars = 300 });
        Refused(Event(), "larger than 300", small);
        Refused(Event(extra: "X-PADDING:" + new string('a', 20_000) + "\r\n"), "longer than");
        var few = new IcsCodec(new IcsLimits { MaxEvents = 3 });
        Refused(Good, "more than 3 events", few);
    }

    [Theory]
    [InlineData("RRULE:FREQ=DAILY\r\n", "RRULE:FREQ=DAILY;BYHOUR=77\r\n", "not a valid iCalendar file")]
    [InlineData("RRULE:FREQ=DAILY\r\n", "RRULE:FREQ=SECONDLY\r\n", "SECONDLY")]
    [InlineData("RRULE:FREQ=DAILY\r\n", "RRULE:FREQ=DAILY\r\nRRULE:FREQ=WEEKLY\r\n", "more than one RRULE")]
    [InlineData("RRULE:FREQ=DAILY\r\n", "RRULE:FREQ=DAILY;COUNT=1000000\r\n", "COUNT")]
    [InlineData("RRULE:FREQ=DAILY\r\n", "RRULE:FREQ=DAILY\r\nEXDATE;TZID=Asia/Ho_Chi_Minh:20250302T070000\r\n", "EXDATE is not supported")]
    [InlineData("RRULE:FREQ=DAILY\r\n", "RRULE:FREQ=DAILY\r\nRDATE:20250302T070000\r\n", "RDATE is not supported")]
    [InlineData("DTSTART;TZID=Asia/Ho_Chi_Minh:20250301T070000", "DTSTART;TZID=Asia/Ho_Chi_Minh:2025030XT070000", "DTSTART is not a valid date-time")]
    [InlineData("DTSTART;TZID=Asia/Ho_Chi_Minh:20250301T070000", "DTSTART;VALUE=DATE:20250301", "all-day")]
    [InlineData("DTSTART;TZID=Asia/Ho_Chi_Minh:20250301T070000\r\n", "", "DTSTART is missing")]
    [InlineData("DTSTART;TZID=Asia/Ho_Chi_Minh:20250301T070000", "DTSTART;TZID=Europe/Paris:20250301T070000", "only Asia/Ho_Chi_Minh")]
    [InlineData("DTSTART;TZID=Asia/Ho_Chi_Minh:20250301T070000", "DTSTART:19650301T070000", "between the years")]
    [InlineData("DTSTART;TZID=Asia/Ho_Chi_Minh:20250301T070000\r\nDURATION:PT15M\r\nRRULE:FREQ=DAILY", "DTSTART:20250301T000000Z\r\nDURATION:PT15M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO", "anchored in UTC")]
    [InlineData("DURATION:PT15M\r\n", "", "DURATION (or DTEND) is missing")]
    [InlineData("DURATION:PT15M", "DURATION:PT0S", "duration must be more than zero")]
    [InlineData("DURATION:PT15M", "DURATION:P3D", "at most 24 hours")]
    [InlineData("DURATION:PT15M", "DURATION:banana", "DURATION is not a valid duration")]
    [InlineData("X-INFORADIO-KIND:audio-file\r\n", "", "X-INFORADIO-KIND is missing")]
    [InlineData("X-INFORADIO-KIND:audio-file", "X-INFORADIO-KIND:video", "must be one of: audio-file, playlist, tts-bulletin, stream-relay, live-slot")]
    [InlineData("X-INFORADIO-CLASS:normal", "X-INFORADIO-CLASS:urgent", "must be one of: normal, priority, emergency")]
    [InlineData("X-INFORADIO-APPROVAL-REQUIRED:FALSE", "X-INFORADIO-APPROVAL-REQUIRED:maybe", "TRUE or FALSE")]
    [InlineData("X-INFORADIO-ZONES:market\r\n", "", "no targets")]
    [InlineData("X-INFORADIO-ZONES:market", "X-INFORADIO-ZONES:Market Place", "zone id")]
    [InlineData("X-INFORADIO-SCHEDULE:s1", "X-INFORADIO-SCHEDULE:../etc", "schedule id")]
    [InlineData("X-INFORADIO-LINE:0", "X-INFORADIO-LINE:-1", "must be a number")]
    [InlineData("X-INFORADIO-LINE:0", "X-INFORADIO-LINE:1", "without gaps")]
    [InlineData("SUMMARY:Tin sáng\r\n", "", "SUMMARY")]
    [InlineData("X-INFORADIO-KIND:audio-file\r\nX-INFORADIO-MEDIA:m1", "X-INFORADIO-KIND:stream-relay\r\nX-INFORADIO-STREAM-URL:javascript:alert(1)", "http or https")]
    [InlineData("X-INFORADIO-KIND:audio-file\r\nX-INFORADIO-MEDIA:m1", "X-INFORADIO-KIND:tts-bulletin\r\nX-INFORADIO-SPEED:fast", "DESCRIPTION")]
    public void Each_broken_part_of_an_event_is_named(string replace, string with, string expected)
    {
        var ics = Event(replace, with);
        Assert.NotEqual(Event(), ics);
        Refused(ics, expected);
    }

    [Fact]
    public void One_bad_event_refuses_the_whole_file()
    {
        var broken = Good.Replace("X-INFORADIO-CLASS:emergency", "X-INFORADIO-CLASS:apocalyptic");
        Refused(broken, "event storm-warning.0@inforadio: X-INFORADIO-CLASS must be one of");
    }

    [Fact]
    public void Duplicate_uids_and_disagreeing_events_are_refused()
    {
        var dup = Event().Replace("END:VCALENDAR", Event()[Event().IndexOf("BEGIN:VEVENT", StringComparison.Ordinal)..]);
        Refused(dup, "appears twice");
        var second = Event("UID:e1@x", "UID:e2@x").Replace("X-INFORADIO-LINE:0", "X-INFORADIO-LINE:1").Replace("SUMMARY:Tin sáng", "SUMMARY:Tin chiều");
        var disagree = Event().Replace("END:VCALENDAR", second[second.IndexOf("BEGIN:VEVENT", StringComparison.Ordinal)..]);
        Refused(disagree, "program p1: events e1@x and e2@x describe it differently");
    }

    [Fact]
    public void Other_components_are_ignored_with_a_warning()
    {
        var ics = Event().Replace("END:VCALENDAR", "BEGIN:VTODO\r\nUID:t\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR");
        var result = Codec.Import(ics, "lan", Now);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Contains(result.Warnings, w => w.Contains("VTODO"));
    }

    [Fact]
    public void The_importing_user_must_be_known()
    {
        Assert.Contains("importing user", Codec.Import(Event(), " ", Now).Errors.Single());
    }

    [Fact]
    public void Long_error_lists_are_cut()
    {
        var codec = new IcsCodec(new IcsLimits { MaxErrors = 3 });
        var broken = Good.Replace("X-INFORADIO-ORIGIN:", "X-INFORADIO-ORIGIN:x");
        var result = codec.Import(broken, "lan", Now);
        Assert.Equal(4, result.Errors.Count);
        Assert.Equal("… and 5 more errors", result.Errors[^1]);
    }

    /// <summary>Thousands of random mutations of a real export: each is accepted or refused, never thrown.</summary>
    [Fact]
    public void Random_damage_never_throws()
    {
        var random = new Random(20250301);
        var refused = 0;
        for (var i = 0; i < 1000; i++)
        {
            var text = Mutate(Good, random);
            var result = Codec.Import(text, "lan", Now);
            if (!result.Succeeded)
            {
                refused++;
                Assert.NotEmpty(result.Errors);
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e)));
            }
        }
        Assert.InRange(refused, 100, 1000);
    }

    [Fact]
    public async Task A_stream_is_read_no_further_than_the_limit()
    {
        var codec = new IcsCodec(new IcsLimits { MaxChars = 100_000 });
        await using var huge = new MemoryStream(Encoding.UTF8.GetBytes(Good + new string('x', 200_000)));
        var refused = await codec.ImportAsync(huge, "lan", Now);
        Assert.Contains("larger than 100000", refused.Errors.Single());
        Assert.True(huge.Position < huge.Length);

        await using var fine = new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Good)).ToArray());
        Assert.True((await codec.ImportAsync(fine, "lan", Now)).Succeeded);

        var junk = new byte[50_000];
        new Random(3).NextBytes(junk);
        await using var binary = new MemoryStream(junk);
        Assert.False((await codec.ImportAsync(binary, "lan", Now)).Succeeded);
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split("\r\n").ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && lines.Count > 1; e++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(7))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, lines[random.Next(lines.Count)]); break;
                case 2: (lines[at], lines[^1]) = (lines[^1], lines[at]); break;
                case 3:
                    if (lines[at].Length > 0)
                    {
                        var chars = lines[at].ToCharArray();
                        chars[random.Next(chars.Length)] = (char)random.Next(32, 0x2FF);
                        lines[at] = new string(chars);
                    }
                    break;
                case 4: lines[at] = lines[at][..random.Next(lines[at].Length + 1)]; break;
                case 5: lines.Insert(at, "BEGIN:" + (random.Next(2) == 0 ? "VEVENT" : "VALARM")); break;
                default: lines[at] = lines[at] + ";" + (char)random.Next(32, 127) + "=" + random.Next(); break;
            }
        }
        return string.Join("\r\n", lines);
    }
}
