using InfoRadio.DeviceAgent.Clock;
using InfoRadio.Protocol.Clock;

namespace InfoRadio.DeviceAgent.Tests.Clock;

public sealed class SavedClockModelTests : IDisposable
{
    private const long SavedUs = 1_800_000_000_000_000;
    private static readonly TimeSpan ThreeDays = TimeSpan.FromHours(72);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "inforadio-clockfile-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_model_saved_within_the_age_limit_on_a_clock_that_went_forward_is_usable()
    {
        var saved = new SavedClockModel(new ClockModel(SavedUs, 1_500, 12.5), SavedUs);

        Assert.True(saved.IsUsableAt(SavedUs, ThreeDays, out var reason));
        Assert.Null(reason);
        Assert.True(saved.IsUsableAt(SavedUs + 71L * 3_600_000_000, ThreeDays, out _));
    }

    [Fact]
    public void A_model_too_old_or_from_the_future_or_disabled_by_setting_is_not()
    {
        var saved = new SavedClockModel(new ClockModel(SavedUs, 1_500, 12.5), SavedUs);

        Assert.False(saved.IsUsableAt(SavedUs + 73L * 3_600_000_000, ThreeDays, out var old));
        Assert.Contains("73 h ago", old);
        // A box whose clock went back (no RTC kept it over a power cut) did not keep time: its saved offset means nothing.
        Assert.False(saved.IsUsableAt(SavedUs - 5_000_000, ThreeDays, out var back));
        Assert.Contains("5 s behind", back);
        Assert.False(saved.IsUsableAt(SavedUs + 1, TimeSpan.Zero, out var off));
        Assert.Contains("SavedClockMaxAgeHours", off);
    }

    [Fact]
    public void The_file_keeps_the_model_and_a_missing_or_damaged_file_gives_none_with_a_reason()
    {
        var file = new ClockModelFile(_dir);
        Assert.Null(file.Load(out var missing));
        Assert.Null(missing);

        var saved = new SavedClockModel(new ClockModel(SavedUs - 10_000_000, -2_345.75, -31.25), SavedUs);
        file.Save(saved);
        Assert.Equal(saved, file.Load(out var problem));
        Assert.Null(problem);
        Assert.False(File.Exists(file.Path + ".tmp"));

        File.WriteAllText(file.Path, "{\"referenceDeviceUs\":1,\"offsetUs\":");
        Assert.Null(file.Load(out var torn));
        Assert.NotNull(torn);

        File.WriteAllText(file.Path, "{\"referenceDeviceUs\":1,\"offsetUs\":0,\"driftPpm\":50000,\"savedDeviceUs\":1}");
        Assert.Null(file.Load(out var absurd));
        Assert.Contains("out of range", absurd);

        File.WriteAllText(file.Path, "[]");
        Assert.Null(file.Load(out var wrongShape));
        Assert.NotNull(wrongShape);
    }
}
