using System.Net;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using static InfoRadio.EndToEnd.Tests.Scheduling_Access_Tests;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>The media library over HTTP: uploads checked by decoding, durations for programs, deletion refused while used.</summary>
public sealed class Media_Api_Tests : CalendarTestBase
{
    private ApiClient Broadcaster => Controller.As("bc");

    private string MediaFolder => Path.Combine(Controller.DataDir, "media");

    internal static async Task<JsonElement> UploadAsync(ApiClient client, byte[] file, string fileName, string? title = null, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(file), "file", fileName);
        if (title is not null) form.Add(new StringContent(title), "title");
        var response = await client.SendAsync(HttpMethod.Post, "/api/media", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task An_upload_is_stored_with_its_metadata_and_a_program_takes_its_duration()
    {
        var wav = TestAudio.Wav(new float[44_100 * 5 / 2], 44_100); // 2.5 s
        var item = await UploadAsync(Broadcaster, wav, "ban-tin.wav", "Bản tin sáng");
        var id = item.GetProperty("id").GetString()!;
        Assert.Equal("Bản tin sáng", item.GetProperty("title").GetString());
        Assert.Equal("wav", item.GetProperty("format").GetString());
        Assert.Equal(2.5, item.GetProperty("durationSeconds").GetDouble(), 2);
        Assert.Equal(wav.Length, item.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(wav)), item.GetProperty("sha256").GetString());
        Assert.Equal("bc", item.GetProperty("uploader").GetString());
        Assert.Equal(wav, await File.ReadAllBytesAsync(Path.Combine(MediaFolder, id + ".wav")));
        Assert.Equal(id, (await Controller.As("viewer").GetJsonAsync("/api/media")).EnumerateArray().Single().GetProperty("id").GetString());

        var program = await Broadcaster.PostOkAsync("/api/programs", new { id = "sang", title = "Bản tin sáng", kind = "audio-file", mediaId = id });
        Assert.Equal(3, program.GetProperty("durationSeconds").GetInt32()); // whole seconds, rounded up
        var tts = await Broadcaster.PostOkAsync("/api/programs", new { id = "doc", title = "Đọc tin", kind = "tts-bulletin", text = "Kính thưa", mediaId = id });
        Assert.Equal(id, tts.GetProperty("mediaId").GetString());

        await AssertProblem(await Broadcaster.DeleteAsync($"/api/media/{id}"), HttpStatusCode.Conflict, "doc, sang");
        await Broadcaster.DeleteAsync("/api/programs/sang");
        await Broadcaster.DeleteAsync("/api/programs/doc");
        Assert.Equal(HttpStatusCode.NoContent, (await Broadcaster.DeleteAsync($"/api/media/{id}")).StatusCode);
        Assert.False(File.Exists(Path.Combine(MediaFolder, id + ".wav")));
        await AssertProblem(await Broadcaster.GetAsync($"/api/media/{id}"), HttpStatusCode.NotFound, id);
    }

    [Fact]
    public async Task A_playlist_lasts_as_long_as_its_items_and_keeps_them_from_deletion()
    {
        var a = (await UploadAsync(Broadcaster, TestAudio.Wav(new float[48_000], 48_000), "a.wav")).GetProperty("id").GetString();
        var b = (await UploadAsync(Broadcaster, TestAudio.Wav(new float[96_000], 48_000), "b.wav")).GetProperty("id").GetString();
        var list = await Broadcaster.PostOkAsync("/api/playlists", new { id = "chieu", title = "Chương trình chiều", items = new[] { a, b, a } });
        Assert.Equal(4.0, list.GetProperty("durationSeconds").GetDouble(), 3);
        var program = await Broadcaster.PostOkAsync("/api/programs", new { id = "p-chieu", title = "Chiều", kind = "playlist", playlistId = "chieu" });
        Assert.Equal(4, program.GetProperty("durationSeconds").GetInt32());
        await AssertProblem(await Broadcaster.DeleteAsync($"/api/media/{a}"), HttpStatusCode.Conflict, "chieu");
        await AssertProblem(await Broadcaster.DeleteAsync("/api/playlists/chieu"), HttpStatusCode.Conflict, "p-chieu");
        await AssertProblem(await Broadcaster.PostAsync("/api/playlists", new { title = "x", items = new[] { "ghost" } }), HttpStatusCode.BadRequest, "ghost");
    }

    public static TheoryData<string, byte[]> CorruptFiles => new()
    {
        { "text.wav", "this is not audio at all, just text pretending"u8.ToArray() },
        { "truncated.wav", TestAudio.Wav(new float[4_800], 48_000)[..30] },
        { "noise.mp3", Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray() },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public async Task A_file_that_does_not_decode_is_400_and_nothing_is_kept(string name, byte[] content)
    {
        var problem = await UploadAsync(Broadcaster, content, name, expected: HttpStatusCode.BadRequest);
        Assert.Contains("not playable audio", problem.GetProperty("detail").GetString());
        Assert.Empty((await Broadcaster.GetJsonAsync("/api/media")).EnumerateArray());
        Assert.Empty(Directory.GetFiles(MediaFolder));
    }

    [Fact]
    public async Task An_upload_without_a_form_or_a_file_is_refused()
    {
        await AssertProblem(await Broadcaster.PostAsync("/api/media", new { file = "x" }), HttpStatusCode.UnsupportedMediaType, "multipart");
        using var form = new MultipartFormDataContent { { new StringContent("only a title"), "title" } };
        await AssertProblem(await Broadcaster.SendAsync(HttpMethod.Post, "/api/media", form), HttpStatusCode.BadRequest, "'file'");
    }
}
