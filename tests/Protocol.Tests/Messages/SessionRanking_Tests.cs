using InfoRadio.Protocol.Messages;

namespace InfoRadio.Protocol.Tests.Messages;

public class SessionRanking_Tests
{
    private const long T = 1_767_225_600_000_000;

    private static SessionInfo S(string id, PriorityClass priority = PriorityClass.Normal, OriginLevel origin = OriginLevel.Commune, long epoch = T) => new()
    {
        Session = id, Stream = 1, Priority = priority, Origin = origin, EpochUs = epoch, LatencyMs = 1000,
    };

    [Fact]
    public void Nothing_to_choose_from_gives_null() => Assert.Null(SessionRanking.Choose([]));

    [Fact]
    public void A_higher_class_beats_a_higher_origin_an_earlier_start_and_a_smaller_id()
    {
        var emergency = S("z", PriorityClass.Emergency, OriginLevel.Commune, T + 10_000_000);
        var normal = S("a", PriorityClass.Normal, OriginLevel.Central, T);
        Assert.Same(emergency, SessionRanking.Choose([normal, emergency]));
        Assert.Same(emergency, SessionRanking.Choose([emergency, normal]));
        Assert.True(SessionRanking.Compare(emergency, normal) > 0);
        Assert.True(SessionRanking.Compare(normal, emergency) < 0);
    }

    [Fact]
    public void Priority_beats_normal_and_emergency_beats_priority()
    {
        var n = S("n", PriorityClass.Normal);
        var p = S("p", PriorityClass.Priority);
        var e = S("e", PriorityClass.Emergency);
        Assert.Same(p, SessionRanking.Choose([n, p]));
        Assert.Same(e, SessionRanking.Choose([p, e, n]));
    }

    [Fact]
    public void Within_a_class_a_higher_origin_beats_an_earlier_start_and_a_smaller_id()
    {
        var province = S("z", PriorityClass.Priority, OriginLevel.Province, T + 1);
        var district = S("a", PriorityClass.Priority, OriginLevel.District, T);
        Assert.Same(province, SessionRanking.Choose([district, province]));
        Assert.Same(province, SessionRanking.Choose([province, district]));
    }

    [Fact]
    public void Origins_rank_central_province_district_commune()
    {
        SessionInfo[] ranked = [S("c", origin: OriginLevel.Central), S("p", origin: OriginLevel.Province), S("d", origin: OriginLevel.District), S("m", origin: OriginLevel.Commune)];
        for (var i = 0; i < ranked.Length; i++)
            Assert.Same(ranked[i], SessionRanking.Choose(ranked[i..].Reverse()));
    }

    [Fact]
    public void Within_class_and_origin_the_session_that_started_first_keeps_the_air()
    {
        var onAir = S("z", epoch: T);
        var newcomer = S("a", epoch: T + 1);
        Assert.Same(onAir, SessionRanking.Choose([newcomer, onAir]));
        Assert.Same(onAir, SessionRanking.Choose([onAir, newcomer]));
    }

    [Fact]
    public void On_a_full_tie_the_smaller_id_in_ordinal_order_wins()
    {
        var a = S("a-1");
        var b = S("a-2");
        var digit = S("0");
        Assert.Same(a, SessionRanking.Choose([b, a]));
        Assert.Same(digit, SessionRanking.Choose([a, b, digit])); // '0' (0x30) sorts before 'a' (0x61)
        var dash = S("a-");
        var underscore = S("a_");
        Assert.Same(dash, SessionRanking.Choose([underscore, dash])); // '-' (0x2D) sorts before '_' (0x5F)
    }

    [Fact]
    public void Compare_is_antisymmetric_and_zero_only_for_the_same_ranking()
    {
        var a = S("a");
        Assert.Equal(0, SessionRanking.Compare(a, S("a")));
        var pairs = new[] { (S("a"), S("b")), (S("a", epoch: T), S("a", epoch: T + 1)), (S("a", origin: OriginLevel.District), S("a")) };
        foreach (var (x, y) in pairs)
            Assert.Equal(-Math.Sign(SessionRanking.Compare(y, x)), Math.Sign(SessionRanking.Compare(x, y)));
    }

    [Fact]
    public void Every_order_of_the_same_sessions_gives_the_same_choice()
    {
        var random = new Random(3);
        var sessions = Enumerable.Range(0, 12).Select(i => S(
            $"s{random.Next(0, 5)}", (PriorityClass)random.Next(0, 2), (OriginLevel)random.Next(0, 2), T + random.Next(0, 3))).ToArray();
        var expected = SessionRanking.Choose(sessions)!;
        for (var i = 0; i < 200; i++)
        {
            var chosen = SessionRanking.Choose(sessions.OrderBy(_ => random.Next()))!;
            Assert.Equal(0, SessionRanking.Compare(expected, chosen));
            Assert.Equal(expected, chosen);
        }
    }
}
