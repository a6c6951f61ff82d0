using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Tests.Audio;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Media;

/// <summary>The media library on real files and a real LiteDB: only audio that decodes is kept, and it airs as stored.</summary>
public sealed class MediaLibrary_Tests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 5, 1, 1, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Now);
    private MediaLibrary _library;

    public MediaLibrary_Tests() => _library = Open();

    public void Dispose() => _db.Dispose();

    private MediaLibrary Open() =>
        new(_db.Database, _db.Storage, Options.Create(new MediaOptions { MaxUploadBytes = 1_000_000, MaxDurationMinutes = 1 }),
            new AudioFileDecoder(), _time, new CapturingLogger<MediaLibrary>());

    private void Reopen()
    {
        _db.Reopen();
        _library = Open();
    }

    private static float[] Tone(int samples, double hz) => Enumerable.Range(0, samples).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / 48_000))).ToArray();

    private Task<MediaItem> Upload(byte[] bytes, string name = "clip.wav", string? title = null) =>
        _library.UploadAsync(new MemoryStream(bytes), name, title, "lan", CancellationToken.None);

    [Fact]
    public async Task An_upload_is_kept_with_its_metadata_and_decodes_the_same_after_a_restart()
    {
        var samples = Tone(24_000, 440);
        var wav = TestWav.Build(samples, 48_000, 1, WavSampleFormat.Float32);
        var item = await Upload(wav, "ban-tin.wav");

        Assert.Equal("ban-tin", item.Title);
        Assert.Equal("wav", item.Format);
        Assert.Equal(24_000, item.SampleCount);
        Assert.Equal(TimeSpan.FromSeconds(0.5), item.Duration);
        Assert.Equal(wav.Length, item.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(wav)), item.Sha256);
        Assert.Equal(Now, item.UploadedAt);

        Reopen();
        Assert.Equal(item, _library.Find(item.Id));
        var audio = _library.TryLoad(item.Id)!;
        Assert.Equal(samples, audio.Samples);
        Assert.Null(_library.TryLoad("ghost"));
    }

    [FfmpegFact]
    public async Task An_mp3_upload_is_kept_as_mp3_with_its_duration()
    {
        var mp3 = AudioFileDecoder_Mp3_Tests.TaggedStereo.Value;
        var item = await Upload(mp3, "vov.mp3", "Tiếp sóng");
        Assert.Equal("mp3", item.Format);
        Assert.Equal($"{item.Id}.mp3", item.FileName);
        Assert.InRange(item.Duration.TotalSeconds, 1.95, 2.1);
        Assert.Equal(mp3, await File.ReadAllBytesAsync(Path.Combine(_library.Folder, item.FileName)));
        Assert.Equal(item.SampleCount, _library.TryLoad(item.Id)!.Samples.Length);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 })]
    [InlineData(new byte[0])]
    public async Task Bytes_that_do_not_decode_are_refused_and_leave_nothing_behind(byte[] bytes)
    {
        await Assert.ThrowsAsync<AudioFormatException>(() => Upload(bytes));
        Assert.Empty(_library.List());
        Assert.Empty(Directory.GetFiles(_library.Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Too_large_or_too_long_is_refused()
    {
        await Assert.ThrowsAsync<AudioFormatException>(() => Upload(new byte[1_000_001]));
        var twoMinutes = TestWav.Build(new float[48_000 * 61], 48_000, 1, WavSampleFormat.Pcm8);
        var tooLong = await Assert.ThrowsAsync<AudioFormatException>(() => Upload(twoMinutes));
        Assert.Empty(_library.List());
        Assert.Empty(Directory.GetFiles(_library.Folder));
        Assert.NotEmpty(tooLong.Message);
    }

    [Fact]
    public async Task A_playlist_airs_its_items_back_to_back_and_lasts_their_sum()
    {
        var a = await Upload(TestWav.Build(Tone(4_800, 300), 48_000, 1, WavSampleFormat.Float32));
        var b = await Upload(TestWav.Build(Tone(9_600, 600), 48_000, 1, WavSampleFormat.Float32));
        var list = _library.CreatePlaylist("chieu", "Chiều", [a.Id, b.Id, a.Id], "lan");

        Assert.Equal(TimeSpan.FromSeconds(0.4), _library.DurationOf(list.Id));
        var audio = _library.TryLoad("chieu")!;
        Assert.Equal([.. Tone(4_800, 300), .. Tone(9_600, 600), .. Tone(4_800, 300)], audio.Samples);

        Reopen();
        Assert.Equal(list.Items, _library.FindPlaylist("chieu")!.Items);
        Assert.Throws<CatalogConflictException>(() => _library.Delete(a.Id, _ => []));
        Assert.Throws<CatalogConflictException>(() => _library.DeletePlaylist("chieu", _ => ["p1"]));
        Assert.True(_library.DeletePlaylist("chieu", _ => []));
        Assert.Throws<CatalogConflictException>(() => _library.Delete(a.Id, _ => ["p2"]));
        Assert.True(_library.Delete(a.Id, _ => []));
        Assert.False(File.Exists(Path.Combine(_library.Folder, a.FileName)));
        Assert.False(_library.Delete(a.Id, _ => []));
        Assert.Throws<SchedulingException>(() => _library.CreatePlaylist(null, "x", [a.Id], "lan"));
        Assert.Throws<SchedulingException>(() => _library.CreatePlaylist(null, "x", [], "lan"));
    }

    [Fact]
    public async Task A_stored_file_that_went_bad_throws_an_audio_format_error_when_loaded()
    {
        var item = await Upload(TestWav.Build(Tone(4_800, 300), 48_000, 1, WavSampleFormat.Pcm16));
        await File.WriteAllBytesAsync(Path.Combine(_library.Folder, item.FileName), [0, 1, 2, 3]);
        Assert.Throws<AudioFormatException>(() => _library.TryLoad(item.Id));
        File.Delete(Path.Combine(_library.Folder, item.FileName));
        Assert.Throws<AudioFormatException>(() => _library.TryLoad(item.Id));
    }

    private static float[] ReadAll(ProgramAudio audio)
    {
        using var reader = audio.Open();
        var all = new List<float>();
        var buffer = new float[1_000];
        int n;
        while ((n = reader.Read(buffer)) > 0) all.AddRange(buffer.AsSpan(0, n));
        return [.. all];
    }

    [Fact]
    public async Task Opening_an_item_or_a_playlist_decodes_nothing_until_read_and_streams_what_loading_gives()
    {
        // 44.1 kHz stereo, so the stream goes through the downmix and the resampler.
        var tone = TestSignals.Interleave(2, 44_100, 30_000, (c, t) => 0.3 * Math.Sin(2 * Math.PI * (300 + 100 * c) * t));
        var a = await Upload(TestWav.Build(tone, 44_100, 2, WavSampleFormat.Pcm16));
        var b = await Upload(TestWav.Build(Tone(9_601, 600), 48_000, 1, WavSampleFormat.Float32));
        _library.CreatePlaylist("sang", "Sáng", [a.Id, b.Id, a.Id], "lan");

        var item = _library.TryOpen(a.Id)!;
        Assert.Equal(a.SampleCount, item.SampleCount);
        Assert.Equal(a.SourceFormat, item.SourceFormat);
        Assert.Equal(_library.TryLoad(a.Id)!.Samples, ReadAll(item));

        var playlist = _library.TryOpen("sang")!;
        Assert.Equal(2 * a.SampleCount + b.SampleCount, playlist.SampleCount);
        Assert.Equal(_library.DurationOf("sang"), playlist.Duration);
        Assert.Equal(_library.TryLoad("sang")!.Samples, ReadAll(playlist));
        Assert.Null(_library.TryOpen("ghost"));

        File.Delete(Path.Combine(_library.Folder, b.FileName));
        Assert.Throws<AudioFormatException>(() => _library.TryOpen(b.Id));
        Assert.Throws<AudioFormatException>(() => _library.TryOpen("sang"));
    }
}
