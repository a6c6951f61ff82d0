using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Tests.Scheduling.Runtime;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Speech;

/// <summary>The scheduler airs TTS bulletins from their renderings and records the engine's reason when there is none.</summary>
public sealed class Scheduled_Bulletin_Tests : IDisposable
{
    private static readonly DateTimeOffset T = Vn(2025, 3, 1, 7);
    private readonly SchedulerHarness _h = new(T.AddMinutes(-5), "d1");

    public void Dispose() => _h.Dispose();

    private sealed class Renderings : ITtsBulletinRenderings
    {
        public List<string> Asked { get; } = [];

        public (string? MediaId, string? Problem) Ensure(TtsBulletinContent bulletin, string programTitle)
        {
            Asked.Add(bulletin.Text);
            return bulletin.Text == "Thông báo họp" ? ("media-rendered", null) : (null, "espeak-ng (voice vi) failed with exit code 1: boom");
        }
    }

    [Fact]
    public async Task A_rendered_bulletin_airs_on_time_and_a_failing_one_is_missed_with_the_engines_reason()
    {
        var speech = new Renderings();
        _h.UseSpeech(speech);
        _h.AddProgram("rendered", 2); // puts media-rendered's audio in the library
        _h.Catalog.Put(_h.Catalog.FindProgram("rendered")! with { Id = "ok", Content = new TtsBulletinContent("Thông báo họp") });
        _h.Catalog.Put(_h.Catalog.FindProgram("rendered")! with { Id = "bad", Content = new TtsBulletinContent("Bản tin lỗi") });
        _h.AddOnce("s-ok", "ok", T, ["d1"]);
        _h.AddOnce("s-bad", "bad", T.AddMinutes(1), ["d1"]);

        await _h.RunUntilAsync(T.AddMinutes(2));

        Assert.Equal(AirOutcome.OnTime, _h.Ledger.Find(new SlotKey("s-ok", T))!.Outcome);
        Assert.Equal("s-ok@20250301T000000Z", _h.Output.Started.First().Slot);
        var missed = _h.Ledger.Find(new SlotKey("s-bad", T.AddMinutes(1)))!;
        Assert.Equal(AirOutcome.Missed, missed.Outcome);
        Assert.Equal(MissReason.ContentUnavailable, missed.Reason);
        Assert.Equal("the TTS bulletin could not be rendered: espeak-ng (voice vi) failed with exit code 1: boom", missed.Detail);
        Assert.Equal(["Thông báo họp", "Bản tin lỗi"], speech.Asked); // taken up once each
    }
}
