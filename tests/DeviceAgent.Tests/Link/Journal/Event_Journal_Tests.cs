using System.Text;
using InfoRadio.DeviceAgent.Link.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Link.Journal;

/// <summary>The durable event queue on real files in a temp folder: append, ack, replay, bounds, compaction, damage.</summary>
public sealed class Event_Journal_Tests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "inforadio-journal-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingLogger _log = new();

    private string FilePath => Path.Combine(_dir, EventJournal.FileName);

    private EventJournal Open(int maxEvents = 10_000, int maxKilobytes = 4_096) =>
        EventJournal.Open(_dir, new EventQueueOptions { MaxEvents = maxEvents, MaxKilobytes = maxKilobytes }, _log);

    private static byte[] Payload(int i) => Encoding.UTF8.GetBytes($"{{\"id\":\"event-{i}\"}}");

    private static List<string> Texts(EventJournal journal)
    {
        var texts = new List<string>();
        // Read in order by acknowledging a copy: the journal hands out only its oldest.
        while (journal.Oldest is { } oldest)
        {
            texts.Add(Encoding.UTF8.GetString(oldest.Payload));
            journal.Acknowledge(oldest.Seq);
        }
        return texts;
    }

    [Fact]
    public void Events_appended_are_replayed_in_order_after_a_reopen_and_acknowledged_ones_are_gone()
    {
        using (var journal = Open())
        {
            for (var i = 1; i <= 5; i++) journal.Append("devices/box-1/events", Payload(i));
            journal.Acknowledge(journal.Oldest!.Seq);
            Assert.True(journal.Durable);
            Assert.Equal(4, journal.Count);
        }
        using var reopened = Open();
        Assert.Equal(4, reopened.Count);
        Assert.Equal("devices/box-1/events", reopened.Oldest!.Topic);
        Assert.Equal([.. Enumerable.Range(2, 4).Select(i => $"{{\"id\":\"event-{i}\"}}")], Texts(reopened));
    }

    [Fact]
    public void An_acknowledgement_out_of_order_removes_only_that_event()
    {
        using var journal = Open();
        var first = journal.Append("t", Payload(1));
        var second = journal.Append("t", Payload(2));
        journal.Append("t", Payload(3));
        journal.Acknowledge(second.Seq);
        journal.Acknowledge(second.Seq);
        Assert.Equal(first.Seq, journal.Oldest!.Seq);
        Assert.Equal(["{\"id\":\"event-1\"}", "{\"id\":\"event-3\"}"], Texts(journal));
    }

    [Fact]
    public void A_torn_last_record_is_skipped_with_a_log_line_and_the_records_before_it_are_kept()
    {
        using (var journal = Open())
            for (var i = 1; i <= 3; i++) journal.Append("t", Payload(i));
        // A power cut in the middle of the fourth write: only part of its bytes reached the disk.
        var whole = File.ReadAllBytes(FilePath);
        var fourth = JournalFormat.Encode(JournalRecord.Event(4, "t", Payload(4)));
        File.WriteAllBytes(FilePath, [.. whole, .. fourth.AsSpan(0, fourth.Length - 3)]);

        using (var reopened = Open())
        {
            Assert.Equal(3, reopened.Count);
            Assert.Contains(_log.Lines, l => l.Contains("torn record", StringComparison.Ordinal));
            // New records go after the last whole one, not behind the torn bytes.
            reopened.Append("t", Payload(5));
        }
        using var again = Open();
        Assert.Equal(["{\"id\":\"event-1\"}", "{\"id\":\"event-2\"}", "{\"id\":\"event-3\"}", "{\"id\":\"event-5\"}"], Texts(again));
    }

    [Fact]
    public void A_record_with_a_flipped_bit_ends_the_replay_there_and_is_reported()
    {
        using (var journal = Open())
            for (var i = 1; i <= 3; i++) journal.Append("t", Payload(i));
        var bytes = File.ReadAllBytes(FilePath);
        bytes[^2] ^= 0x40;
        File.WriteAllBytes(FilePath, bytes);

        using var reopened = Open();
        Assert.Equal(2, reopened.Count);
        Assert.Contains(_log.Lines, l => l.Contains("wrong checksum", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_is_not_a_journal_is_set_aside_and_a_fresh_one_started()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(FilePath, "this is not a journal at all");
        using var journal = Open();
        Assert.True(journal.Durable);
        Assert.Equal(0, journal.Count);
        Assert.True(File.Exists(FilePath + ".unreadable"));
        journal.Append("t", Payload(1));
        Assert.Equal(1, journal.Count);
    }

    [Fact]
    public void When_full_the_oldest_events_make_room_and_the_drops_are_counted_across_a_restart_until_reported()
    {
        using (var journal = Open(maxEvents: 10))
        {
            for (var i = 1; i <= 14; i++) journal.Append("t", Payload(i));
            Assert.Equal(10, journal.Count);
            Assert.Equal(4, journal.TotalDropped);
            Assert.Equal(4, journal.UnreportedDrops);
        }
        using (var reopened = Open(maxEvents: 10))
        {
            Assert.Equal(4, reopened.UnreportedDrops);
            Assert.Equal("{\"id\":\"event-5\"}", Encoding.UTF8.GetString(reopened.Oldest!.Payload));
            reopened.MarkDropsReported();
            Assert.Equal(0, reopened.UnreportedDrops);
        }
        using var third = Open(maxEvents: 10);
        Assert.Equal(0, third.UnreportedDrops);
        Assert.Equal(10, third.Count);
    }

    [Fact]
    public void The_byte_bound_drops_the_oldest_too()
    {
        using var journal = Open(maxKilobytes: 64);
        var big = new byte[10_000];
        for (var i = 0; i < 10; i++) journal.Append("t", big);
        Assert.Equal(6, journal.Count);
        Assert.Equal(4, journal.TotalDropped);
    }

    [Fact]
    public void Acknowledged_events_are_compacted_away_so_the_file_stays_small()
    {
        using var journal = Open();
        for (var i = 0; i < 400; i++) journal.Acknowledge(journal.Append("devices/box-1/events", Payload(i)).Seq);
        journal.Append("devices/box-1/events", Payload(-1));
        // 400 events and acks would be ~22 KB: compaction keeps it under 256 dead records (each append is fsynced: ~5 ms here).
        Assert.InRange(new FileInfo(FilePath).Length, 1, 12_000);
        Assert.Contains(_log.Lines, l => l.Contains("compacted", StringComparison.Ordinal));
        journal.Dispose();
        using var reopened = Open();
        Assert.Equal(["{\"id\":\"event--1\"}"], Texts(reopened));
    }

    [Fact]
    public void A_second_owner_of_the_same_folder_keeps_its_events_in_memory_and_says_so()
    {
        using var first = Open();
        using var second = Open();
        Assert.True(first.Durable);
        Assert.False(second.Durable);
        second.Append("t", Payload(1));
        Assert.Equal(1, second.Count);
        Assert.Contains(_log.Lines, l => l.Contains("in memory only", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception));
        }
    }
}
