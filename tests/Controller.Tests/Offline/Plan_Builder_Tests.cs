using InfoRadio.Controller.Offline;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Messages;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Offline;

/// <summary>A device's plan is the scheduler's own slots that target it, airable, with cacheable content.</summary>
public sealed class Plan_Builder_Tests
{
    private static readonly PlanContent File = new() { Sha256 = new string('c', 64), Bytes = 1000, Samples = 48_000 };

    private static InMemoryTargetDirectory Directory() => new(
        [new DevicePlacement("spk-1", null, ["all-village", "north"]), new DevicePlacement("spk-2", null, ["all-village"])], [], []);

    [Fact]
    public void Items_are_the_coming_slots_of_each_device_in_start_order_with_deterministic_ids()
    {
        var catalog = new InMemorySchedulingCatalog();
        catalog.Put(Program("news"));
        catalog.Put(Program("music"));
        catalog.Put(Schedule("daily-news", "news", [new RecurrenceLine(Local(2025, 1, 1, 7), "FREQ=DAILY")]));
        catalog.Put(Schedule("north-music", "music", [new RecurrenceLine(Local(2025, 1, 1, 9))], TargetSet.Of(zones: ["north"])));
        var builder = new PlanBuilder(catalog, Directory(), TimeSpan.FromHours(24));

        var plans = builder.Build(Vn(2025, 1, 1, 6), _ => File);

        Assert.Equal(["p-news-1735689600", "p-music-1735696800"], plans["spk-1"].Select(i => i.Item.Id));
        Assert.Equal(["p-news-1735689600"], plans["spk-2"].Select(i => i.Item.Id));
        var first = plans["spk-1"][0];
        Assert.Equal(Vn(2025, 1, 1, 7).ToUnixTimeMilliseconds() * 1000, first.Item.StartUs);
        Assert.Equal("daily-news", first.ScheduleId);
        Assert.Null(new PlayPlan { Rev = 1, IssuedUs = first.Item.StartUs, ContentUrl = "http://x/", Items = plans["spk-1"].Select(i => i.Item).ToArray() }.Validate());

        // An hour after 7:00 the news slot has passed: tomorrow's is next, the plan moved on.
        var later = builder.Build(Vn(2025, 1, 1, 8), _ => File);
        Assert.Equal(["p-music-1735696800", "p-news-1735776000"], later["spk-1"].Select(i => i.Item.Id));
    }

    [Fact]
    public void Programs_that_cannot_air_or_have_no_cacheable_content_are_left_out()
    {
        var catalog = new InMemorySchedulingCatalog();
        catalog.Put(Program("draft", requiresApproval: true));
        catalog.Put(Program("relay", content: new StreamRelayContent("http://radio.example/live", null)));
        catalog.Put(Program("ok"));
        catalog.Put(Schedule("a", "draft", [new RecurrenceLine(Local(2025, 1, 1, 7))]));
        catalog.Put(Schedule("b", "relay", [new RecurrenceLine(Local(2025, 1, 1, 8))]));
        catalog.Put(Schedule("c", "ok", [new RecurrenceLine(Local(2025, 1, 1, 9))]));
        var asked = new List<string>();

        var plans = new PlanBuilder(catalog, Directory(), TimeSpan.FromHours(24))
            .Build(Vn(2025, 1, 1, 6), p => { asked.Add(p.Id); return p.Kind == ProgramKind.StreamRelay ? null : File; });

        Assert.Equal(["p-ok-1735696800"], plans["spk-2"].Select(i => i.Item.Id));
        Assert.DoesNotContain("draft", asked);
    }

    [Fact]
    public void A_plan_holds_at_most_the_protocols_item_count()
    {
        var catalog = new InMemorySchedulingCatalog();
        catalog.Put(Program("beep", duration: TimeSpan.FromMinutes(1)));
        catalog.Put(Schedule("often", "beep", [new RecurrenceLine(Local(2025, 1, 1, 0), "FREQ=MINUTELY;INTERVAL=5")]));

        var plans = new PlanBuilder(catalog, Directory(), TimeSpan.FromHours(24)).Build(Vn(2025, 1, 1, 0), _ => File);

        Assert.Equal(PlayPlan.MaxItems, plans["spk-1"].Count);
    }

    [Fact]
    public void Item_ids_are_valid_protocol_ids_even_for_the_longest_program_ids()
    {
        var start = Vn(2025, 1, 1, 7);
        var longA = new string('a', 64);
        var longB = new string('a', 63) + "b";
        Assert.Null(Identifiers.Check(PlanItemIds.For(longA, start)));
        Assert.NotEqual(PlanItemIds.For(longA, start), PlanItemIds.For(longB, start));
        Assert.Equal(PlanItemIds.For("news", start), PlanItemIds.For("news", start));
        Assert.NotEqual(PlanItemIds.For("news", start), PlanItemIds.For("news", start.AddDays(1)));
    }
}
