using InfoRadio.Controller.Provincial;
using InfoRadio.Controller.Scheduling;

namespace InfoRadio.Controller.Tests.Provincial;

public sealed class BulletinValidator_Tests
{
    private static readonly ProvincialOptions Options = new();

    private static BulletinBody Body(string? id = "HN-1", string? title = "Tin", string? priority = "normal", BulletinAudioBody? audio = null,
        string? text = "Thông báo", IReadOnlyList<string>? targets = null, string? voice = null) =>
        new(id, title, priority, audio, text, targets ?? ["08980"], voice);

    private static IReadOnlyList<string> Errors(BulletinBody? body, ProvincialOptions? options = null) =>
        BulletinValidator.Validate(body, options ?? Options).Errors;

    [Fact]
    public void A_good_bulletin_passes_with_its_fields_trimmed_and_its_inline_audio_decoded_from_base64()
    {
        var (intake, errors) = BulletinValidator.Validate(
            Body(id: " HN-2026:0001.a_b ", title: " Lũ ", priority: "emergency", audio: new(null, "AAEC\nAwQ="), text: null, voice: "southern"), Options);
        Assert.Empty(errors);
        Assert.Equal(("HN-2026:0001.a_b", "Lũ", BulletinPriority.Emergency, TtsVoice.Southern), (intake!.Id, intake.Title, intake.Priority, intake.Voice));
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, intake.InlineAudio);
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("Emergency")]
    [InlineData("2")]
    [InlineData("")]
    public void Only_the_three_priority_words_are_accepted(string priority) =>
        Assert.Contains(Errors(Body(priority: priority)), e => e.StartsWith("'priority' must be one of normal, priority, emergency"));

    [Theory]
    [InlineData("ftp://a.example/x.wav")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/x.wav")]
    [InlineData("http://a.example/x.wav")]
    [InlineData("https://user:secret@a.example/x.wav")]
    [InlineData("javascript:alert(1)")]
    public void Audio_urls_must_be_absolute_https_without_user_info(string url) =>
        Assert.Contains(Errors(Body(audio: new(url, null), text: null)), e => e.StartsWith("'audio.url' must be an absolute https URL"));

    [Fact]
    public void Plain_http_audio_is_allowed_only_when_configured_and_hosts_are_checked_against_the_allow_list()
    {
        var lab = new ProvincialOptions { AllowInsecureHttp = true, Bulletins = { AllowedAudioHosts = ["ttn.example.gov.vn"] } };
        Assert.Empty(Errors(Body(audio: new("http://TTN.example.gov.vn/a.mp3", null)), lab));
        Assert.Contains(Errors(Body(audio: new("https://evil.example/a.mp3", null)), lab), e => e.Contains("host 'evil.example' is not in Provincial:Bulletins:AllowedAudioHosts"));
    }

    [Fact]
    public void Inline_audio_must_be_base64_and_within_the_size_limit()
    {
        Assert.Contains(Errors(Body(audio: new(null, "%%%"))), e => e == "'audio.base64' is not base64");
        Assert.Contains(Errors(Body(audio: new(null, ""))), e => e == "'audio.base64' is empty");
        var small = new ProvincialOptions { Bulletins = { MaxAudioBytes = 3 } };
        Assert.Contains(Errors(Body(audio: new(null, "AAECAwQ=")), small), e => e == "'audio.base64' holds more than 3 bytes");
        Assert.Contains(Errors(Body(audio: new("https://a/x", "AAAA"))), e => e == "'audio' must have exactly one of 'url' and 'base64'");
        Assert.Contains(Errors(Body(audio: new(null, null))), e => e == "'audio' must have exactly one of 'url' and 'base64'");
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var errors = Errors(new BulletinBody(null, new string('x', 201), null, null, " ", [], "klingon"));
        Assert.Equal(6, errors.Count);
        Assert.Contains("'id' is missing", errors);
        Assert.Contains(errors, e => e.StartsWith("'title' must be 1 to 200"));
        Assert.Contains(errors, e => e.StartsWith("'priority' is missing"));
        Assert.Contains(errors, e => e.StartsWith("the bulletin needs 'audio'"));
        Assert.Contains(errors, e => e.StartsWith("'voice' must be one of"));
        Assert.Contains(errors, e => e.StartsWith("'targets' must list at least one"));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/id")]
    [InlineData("ý")]
    public void Ids_are_limited_to_a_safe_alphabet(string id) =>
        Assert.Contains(Errors(Body(id: id)), e => e.StartsWith("'id' must be 1 to 100 characters"));

    [Fact]
    public void Targets_must_be_area_codes_and_not_too_many()
    {
        Assert.Contains(Errors(Body(targets: ["08980", "zones/#"])), e => e == "'targets' holds 'zones/#', which is not an area code");
        Assert.Contains(Errors(Body(targets: Enumerable.Range(0, 1001).Select(i => i.ToString()).ToArray())), e => e == "'targets' lists more than 1000 areas");
        Assert.Empty(Errors(Body(targets: ["08980", "08980", "0898001"])));
    }

    [Fact]
    public void Text_with_control_characters_is_refused_and_a_title_on_two_lines_too()
    {
        Assert.Contains(Errors(Body(text: "a\u0007b")), e => e.StartsWith("'text': bulletin text contains control characters"));
        Assert.Contains(Errors(Body(title: "a\nb")), e => e.StartsWith("'title' must be"));
        Assert.Equal(["the body is empty: send a JSON object"], Errors(null));
    }
}

public sealed class ProvincialOptions_Tests
{
    [Fact]
    public void Defaults_are_valid_and_endpoints_must_be_https_unless_insecure_http_is_allowed()
    {
        Assert.Empty(new ProvincialOptions().Validate());
        Assert.Empty(new ProvincialOptions { Endpoint = "https://ttn.example.gov.vn/inbox" }.Validate());
        Assert.Contains(new ProvincialOptions { Endpoint = "http://ttn.example.gov.vn/inbox" }.Validate(), e => e.StartsWith("Provincial:Endpoint must be"));
        Assert.Empty(new ProvincialOptions { Endpoint = "http://127.0.0.1:9/inbox", AllowInsecureHttp = true }.Validate());
        Assert.Contains(new ProvincialOptions { Bulletins = { PollUrl = "ftp://x/y" } }.Validate(), e => e.StartsWith("Provincial:Bulletins:PollUrl"));
        Assert.Contains(new ProvincialOptions { InitialBackoffSeconds = 10, MaxBackoffSeconds = 5 }.Validate(), e => e.StartsWith("Provincial:InitialBackoffSeconds"));
        Assert.Contains(new ProvincialOptions { DeadAfterHours = 0 }.Validate(), e => e.StartsWith("Provincial:DeadAfterHours"));
    }
}
