using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Storage;

public sealed class CoalescedWrites_Tests
{
    private readonly FakeTimeProvider _time = new();
    private readonly CapturingLogger<CoalescedWrites> _log = new();

    [Fact]
    public void A_burst_of_changes_to_one_record_is_written_once_when_the_delay_is_over()
    {
        using var writes = new CoalescedWrites(TimeSpan.FromMilliseconds(250), _time, _log);
        var record = new object();
        var stored = new List<int>();
        var value = 0;
        for (var i = 1; i <= 200; i++)
        {
            value = i;
            writes.Schedule(record, () => stored.Add(value));
        }

        _time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Empty(stored);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([200], stored);
        Assert.Equal((1, 199), (writes.Written, writes.Coalesced));

        // A later change starts a new round.
        writes.Schedule(record, () => stored.Add(-1));
        _time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal([200, -1], stored);
    }

    [Fact]
    public void Each_record_gets_its_own_write_and_a_failing_one_does_not_stop_the_others()
    {
        using var writes = new CoalescedWrites(TimeSpan.FromMilliseconds(100), _time, _log);
        var stored = new List<string>();
        writes.Schedule("a", () => stored.Add("a"));
        writes.Schedule("b", () => throw new IOException("disk full"));
        writes.Schedule("c", () => stored.Add("c"));

        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(["a", "c"], stored.Order());
        Assert.Contains(_log.Entries, e => e.Exception is IOException);
    }

    [Fact]
    public void Flushing_writes_at_once_and_disposing_flushes()
    {
        var stored = new List<string>();
        var writes = new CoalescedWrites(TimeSpan.FromSeconds(10), _time, _log);
        writes.Schedule("a", () => stored.Add("a"));
        writes.Flush();
        Assert.Equal(["a"], stored);

        writes.Schedule("b", () => stored.Add("b"));
        writes.Dispose();
        Assert.Equal(["a", "b"], stored);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, stored.Count);
    }
}
