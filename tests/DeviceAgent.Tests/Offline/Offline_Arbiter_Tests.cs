using InfoRadio.DeviceAgent.Offline;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Offline;

/// <summary>The pure decision of section 20.3: link state, clock, plan and desired sessions in; what to play out.</summary>
public sealed class Offline_Arbiter_Tests
{
    private const long T0 = 1_800_000_000_000_000;
    private const long Second = 1_000_000;

    private static PlanItem Item(string id, long startUs, PriorityClass priority = PriorityClass.Normal, OriginLevel origin = OriginLevel.Commune,
        long seconds = 60) => new()
    {
        Id = id, Program = "news", StartUs = startUs, Priority = priority, Origin = origin,
        Content = new PlanContent { Sha256 = new string('a', 64), Bytes = 1000, Samples = seconds * 48_000 },
    };

    private static PlayPlan Plan(params PlanItem[] items) => new() { Rev = 1, IssuedUs = T0 - 3600 * Second, ContentUrl = "http://c/content/", Items = items };

    private static SessionInfo Session(string id, PriorityClass priority = PriorityClass.Normal, OriginLevel origin = OriginLevel.Commune,
        long epochUs = T0, string? slot = null) => new()
    {
        Session = id, Stream = 7, Priority = priority, Origin = origin, EpochUs = epochUs, LatencyMs = 1000, Slot = slot,
    };

    private static OfflineChoice Decide(OfflineArbiter arbiter, bool up, long? downSince, long now, PlayPlan? plan,
        bool cached = true, params SessionInfo[] desired) =>
        arbiter.Decide(up, downSince, now, plan, _ => cached, desired);

    [Fact]
    public void While_the_link_is_up_the_plan_plays_nothing_and_the_desired_state_rules()
    {
        var arbiter = new OfflineArbiter();
        var plan = Plan(Item("slot-1", T0));
        Assert.Equal(new OfflineChoice(null, null), Decide(arbiter, true, null, T0 + Second, plan));
        var desired = Session("live-1");
        Assert.Equal(desired, Decide(arbiter, true, null, T0 + Second, plan, desired: desired).Session);
    }

    [Fact]
    public void Link_down_at_start_with_cached_content_plays_the_item_with_its_id_and_rank()
    {
        var arbiter = new OfflineArbiter();
        var item = Item("slot-1", T0, PriorityClass.Priority, OriginLevel.District) with { Volume = 70 };
        var choice = Decide(arbiter, false, T0 - 10 * Second, T0, Plan(item));

        Assert.Equal(item, choice.Item);
        Assert.Equal("slot-1", choice.Session!.Session);
        Assert.Equal(PriorityClass.Priority, choice.Session.Priority);
        Assert.Equal(OriginLevel.District, choice.Session.Origin);
        Assert.Equal(70, choice.Session.Volume);
        Assert.Equal(item, arbiter.Playing);
    }

    [Fact]
    public void Nothing_plays_before_start_after_the_end_or_without_the_content()
    {
        var plan = Plan(Item("slot-1", T0, seconds: 60));
        Assert.Null(Decide(new OfflineArbiter(), false, T0 - 9 * Second, T0 - OfflineArbiter.LeadUs - 1, plan).Item);
        Assert.NotNull(Decide(new OfflineArbiter(), false, T0 - 9 * Second, T0 - OfflineArbiter.LeadUs, plan).Item);
        Assert.Null(Decide(new OfflineArbiter(), false, T0 - Second, T0 + 60 * Second, plan).Item);
        Assert.Null(Decide(new OfflineArbiter(), false, T0 - Second, T0, plan, cached: false).Item);
        Assert.Null(Decide(new OfflineArbiter(), false, T0 - Second, T0, null).Item);
    }

    [Fact]
    public void A_link_that_dropped_after_the_start_does_not_start_the_item_but_one_never_up_since_start_does()
    {
        var plan = Plan(Item("slot-1", T0));
        Assert.Null(Decide(new OfflineArbiter(), false, T0 + Second, T0 + 2 * Second, plan).Item);
        Assert.NotNull(Decide(new OfflineArbiter(), false, long.MinValue, T0 + 2 * Second, plan).Item);
        Assert.NotNull(Decide(new OfflineArbiter(), false, T0, T0 + 2 * Second, plan).Item);
    }

    [Fact]
    public void A_stale_desired_session_does_not_stop_the_item_while_the_link_is_down()
    {
        var arbiter = new OfflineArbiter();
        var plan = Plan(Item("slot-1", T0));
        var emergency = Session("old-alert", PriorityClass.Emergency, OriginLevel.Central);
        Assert.NotNull(Decide(arbiter, false, T0 - Second, T0, plan, desired: emergency).Item);
        Assert.NotNull(Decide(arbiter, false, T0 - Second, T0 + Second, plan, desired: emergency).Item);
    }

    [Fact]
    public void When_the_link_returns_the_item_goes_on_unless_a_desired_session_outranks_it()
    {
        var plan = Plan(Item("slot-1", T0, PriorityClass.Priority, OriginLevel.District));
        var arbiter = new OfflineArbiter();
        Decide(arbiter, false, T0 - Second, T0, plan);

        // Lower class, or same class and lower origin, or the same rank but started later: the item keeps playing.
        Assert.Equal("slot-1", Decide(arbiter, true, null, T0 + Second, plan, desired: Session("n", PriorityClass.Normal, OriginLevel.Central)).Item?.Id);
        Assert.Equal("slot-1", Decide(arbiter, true, null, T0 + Second, plan, desired: Session("c", PriorityClass.Priority, OriginLevel.Commune)).Item?.Id);
        Assert.Equal("slot-1", Decide(arbiter, true, null, T0 + Second, plan, desired: Session("s", PriorityClass.Priority, OriginLevel.District, T0 + Second)).Item?.Id);

        var emergency = Session("flood", PriorityClass.Emergency);
        var choice = Decide(arbiter, true, null, T0 + 2 * Second, plan, desired: emergency);
        Assert.Null(choice.Item);
        Assert.Equal(emergency, choice.Session);
        Assert.Null(arbiter.Playing);
        // Preempted is over: it does not come back when the emergency ends, even offline.
        Assert.Null(Decide(arbiter, false, T0 - Second, T0 + 3 * Second, plan).Item);
    }

    [Fact]
    public void The_controllers_session_for_the_same_slot_is_the_same_airing_and_never_chosen()
    {
        var plan = Plan(Item("slot-1", T0));
        var arbiter = new OfflineArbiter();
        Decide(arbiter, false, T0 - Second, T0, plan);
        // Even outranking by id order, epoch or anything else: it is the same airing.
        var same = Session("sess-9", PriorityClass.Emergency, slot: "slot-1");
        Assert.Equal("slot-1", Decide(arbiter, true, null, T0 + Second, plan, desired: same).Item?.Id);

        arbiter.Finish("slot-1");
        Assert.Null(Decide(arbiter, true, null, T0 + 2 * Second, plan, desired: same).Session);
        var other = Session("other");
        Assert.Equal(other, Decide(arbiter, true, null, T0 + 2 * Second, plan, desired: [same, other]).Session);
    }

    [Fact]
    public void A_link_back_before_the_start_hands_the_slot_back_to_the_desired_state()
    {
        var plan = Plan(Item("slot-1", T0));
        var arbiter = new OfflineArbiter();
        Assert.NotNull(Decide(arbiter, false, T0 - 9 * Second, T0 - Second, plan).Item);
        var aired = Session("sess-1", slot: "slot-1");
        Assert.Equal(aired, Decide(arbiter, true, null, T0 - Second / 2, plan, desired: aired).Session);
        Assert.Null(arbiter.Playing);
        Assert.False(arbiter.IsDone("slot-1"));
    }

    [Fact]
    public void A_finished_item_is_not_played_again()
    {
        var plan = Plan(Item("slot-1", T0));
        var arbiter = new OfflineArbiter();
        Assert.NotNull(Decide(arbiter, false, T0 - Second, T0, plan).Item);
        arbiter.Finish("slot-1");
        Assert.Null(Decide(arbiter, false, T0 - Second, T0 + Second, plan).Item);
        Assert.True(arbiter.IsDone("slot-1"));
    }

    [Fact]
    public void Items_play_in_turn_and_each_waits_until_its_start_comes_within_the_lead()
    {
        var plan = Plan(Item("a", T0), Item("b", T0 + 10 * Second, PriorityClass.Priority), Item("c", T0 + 30 * Second));
        var arbiter = new OfflineArbiter();
        Assert.Equal("a", Decide(arbiter, false, T0 - Second, T0, plan).Item?.Id);
        arbiter.Finish("a");
        Assert.Equal("b", Decide(arbiter, false, T0 - Second, T0 + 10 * Second, plan).Item?.Id);
        arbiter.Finish("b");
        Assert.Null(Decide(arbiter, false, T0 - Second, T0 + 30 * Second - OfflineArbiter.LeadUs - 1, plan).Item);
        Assert.Equal("c", Decide(arbiter, false, T0 - Second, T0 + 30 * Second, plan).Item?.Id);
    }

    [Fact]
    public void Of_two_items_due_together_the_higher_ranked_plays()
    {
        var plan = Plan(Item("a", T0), Item("b", T0 + Second, PriorityClass.Priority));
        Assert.Equal("b", Decide(new OfflineArbiter(), false, T0 - Second, T0 + 2 * Second, plan).Item?.Id);
    }

    [Fact]
    public void The_end_of_an_item_is_its_start_plus_its_samples()
    {
        Assert.Equal(T0 + 60 * Second, OfflineArbiter.EndUs(Item("x", T0, seconds: 60)));
    }
}
