using InfoRadio.DeviceAgent.Playback;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent.Tests.Playback;

public sealed class DesiredStateFollowerTests
{
    private const string Device = "inforadio/v1/devices/box-1/desired";
    private const string All = "inforadio/v1/zones/all/desired";
    private const string North = "inforadio/v1/zones/north/desired";
    private const long Epoch = 1_750_000_000_000_000;

    private static SessionInfo Session(string id, PriorityClass priority = PriorityClass.Normal, OriginLevel origin = OriginLevel.Commune,
        long epochUs = Epoch, uint stream = 1) => new()
    {
        Session = id, Stream = stream, Priority = priority, Origin = origin, EpochUs = epochUs, LatencyMs = 1000,
    };

    private static DesiredState State(long rev, params SessionInfo[] sessions) => new() { Rev = rev, IssuedUs = Epoch, Sessions = sessions };

    [Fact]
    public void An_older_revision_from_the_same_source_is_ignored()
    {
        var follower = new DesiredStateFollower();
        Assert.True(follower.Apply(All, State(5, Session("news"))));
        Assert.False(follower.Apply(All, State(4)));
        Assert.Equal("news", follower.Chosen?.Session);
        Assert.Equal(1, follower.StaleIgnored);

        Assert.True(follower.Apply(All, State(6)));
        Assert.Null(follower.Chosen);
    }

    [Fact]
    public void Revisions_are_compared_per_source_only()
    {
        var follower = new DesiredStateFollower();
        follower.Apply(All, State(100, Session("a")));
        Assert.True(follower.Apply(Device, State(1, Session("b", PriorityClass.Priority))));
        Assert.Equal("b", follower.Chosen?.Session);
        Assert.Equal(100, follower.HighestRev);
    }

    [Fact]
    public void The_choice_is_ranked_over_the_union_of_all_sources()
    {
        var follower = new DesiredStateFollower();
        follower.Apply(All, State(1, Session("music"), Session("province", origin: OriginLevel.Province)));
        follower.Apply(North, State(1, Session("commune-priority", PriorityClass.Priority)));
        Assert.Equal("commune-priority", follower.Chosen?.Session);

        follower.Apply(Device, State(1, Session("storm", PriorityClass.Emergency)));
        Assert.Equal("storm", follower.Chosen?.Session);

        follower.Apply(Device, State(2));
        follower.Apply(North, State(2));
        Assert.Equal("province", follower.Chosen?.Session);
    }

    [Fact]
    public void Within_class_and_origin_the_session_on_air_first_keeps_it()
    {
        var follower = new DesiredStateFollower();
        follower.Apply(All, State(1, Session("late", epochUs: Epoch + 10), Session("early", epochUs: Epoch)));
        Assert.Equal("early", follower.Chosen?.Session);
    }

    [Fact]
    public void A_finished_session_is_not_chosen_again_and_the_next_one_plays()
    {
        var follower = new DesiredStateFollower();
        follower.Apply(All, State(1, Session("alert", PriorityClass.Emergency), Session("music")));
        follower.MarkFinished("alert");
        Assert.Equal("music", follower.Chosen?.Session);

        // The controller keeps the session until every device reported; a new copy must not bring it back.
        follower.Apply(All, State(2, Session("alert", PriorityClass.Emergency), Session("music")));
        Assert.Equal("music", follower.Chosen?.Session);
    }

    [Fact]
    public void Clearing_a_source_removes_its_sessions()
    {
        var follower = new DesiredStateFollower();
        follower.Apply(Device, State(3, Session("direct", PriorityClass.Priority)));
        follower.Apply(All, State(1, Session("everyone")));
        follower.Clear(Device);
        Assert.Equal("everyone", follower.Chosen?.Session);
    }

    [Fact]
    public void After_a_reconnect_the_retained_copy_wins_even_with_a_lower_revision()
    {
        var follower = new DesiredStateFollower();
        follower.Apply(All, State(50, Session("old")));
        follower.ExpectFreshCopies([All]);
        Assert.Equal("old", follower.Chosen?.Session); // still in force until the fresh copy arrives

        Assert.True(follower.Apply(All, State(2, Session("new"))));
        Assert.Equal("new", follower.Chosen?.Session);
        Assert.False(follower.Apply(All, State(1))); // only the first copy after the reconnect is exempt
    }

    [Fact]
    public void The_same_session_in_several_sources_counts_once()
    {
        var follower = new DesiredStateFollower();
        follower.Apply(All, State(1, Session("x")));
        follower.Apply(North, State(1, Session("x")));
        Assert.Single(follower.Sessions);
    }

    [Fact]
    public void Next_is_the_soonest_announced_over_the_sources_and_goes_when_its_source_clears()
    {
        var follower = new DesiredStateFollower();
        Assert.Null(follower.Next);
        var noon = new NextItem { Title = "Noon news", Program = "p-noon", StartUs = Epoch + 3_600_000_000 };
        var alert = new NextItem { Title = "Drill", Program = "p-drill", StartUs = Epoch + 60_000_000 };
        follower.Apply("devices/d1/desired", State(1) with { Next = noon });
        Assert.Equal(noon, follower.Next);
        follower.Apply("zones/all/desired", State(1) with { Next = alert });
        Assert.Equal(alert, follower.Next);
        follower.Clear("zones/all/desired");
        Assert.Equal(noon, follower.Next);
        follower.Apply("devices/d1/desired", State(2));
        Assert.Null(follower.Next);
    }
}
