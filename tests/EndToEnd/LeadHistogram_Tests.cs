using InfoRadio.LoadSim.Fleet;

namespace InfoRadio.EndToEnd.Tests;

public sealed class LeadHistogram_Tests
{
    [Fact]
    public async Task Totals_count_every_value_and_those_on_time_and_never_more_on_time_than_counted_while_adding()
    {
        var histogram = new LeadHistogram();
        foreach (var lead in new[] { -20_000.0, -0.5, 0, 0.4, 250, 20_000 }) histogram.Add(lead);

        Assert.Equal((6L, 4L), histogram.Totals());
        Assert.Equal(-1, histogram.Percentile(0.2));

        using var stop = new CancellationTokenSource();
        var adders = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested) histogram.Add(10);
        })).ToArray();
        for (var i = 0; i < 200; i++)
        {
            var (count, onTime) = histogram.Totals();
            Assert.True(onTime <= count, $"{onTime} on time of {count}");
        }
        stop.Cancel();
        await Task.WhenAll(adders);
    }
}
