using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Media;
using InfoRadio.Controller.Messaging;
using InfoRadio.Controller.Offline;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Tests.Audio;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Topics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static InfoRadio.Controller.Tests.Scheduling.Samples;

namespace InfoRadio.Controller.Tests.Offline;

/// <summary>
/// The publisher over a real broker and media library, on a fake clock: a device's plan is published retained when
/// it changes, not when nothing did, and moves on (new rev) once its slot has started.
/// </summary>
public sealed class Plan_Publisher_Tests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(Vn(2026, 12, 1, 6));
    private readonly TestDatabase _db = new();
    private readonly InMemorySchedulingCatalog _catalog = new();
    private TestBroker _broker = null!;
    private ControllerBus _bus = null!;
    private TestClient _device = null!;
    private PlanPublisher _publisher = null!;
    private ContentStore _store = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        var secret = _broker.Register("dev1");
        _bus = new ControllerBus(_broker.Options, _broker.Credentials, _broker.Registry, [], new BusCounters(), TimeProvider.System,
            new CapturingLogger<ControllerBus>());
        await _bus.StartAsync(CancellationToken.None);
        using (var timeout = new CancellationTokenSource(Poll.DefaultTimeout)) await _bus.WaitConnectedAsync(timeout.Token);

        var media = new MediaLibrary(_db.Database, _db.Storage, Options.Create(new MediaOptions()), new AudioFileDecoder(), _time, new CapturingLogger<MediaLibrary>());
        var tone = new float[48_000];
        for (var i = 0; i < tone.Length; i++) tone[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / 48_000f);
        var item = await media.UploadAsync(new MemoryStream(TestWav.Build(tone, 48_000, 1, WavSampleFormat.Pcm16)), "tone.wav", "Tone", "lan", CancellationToken.None);
        _catalog.Put(Program("news", content: new AudioFileContent(item.Id)));
        _catalog.Put(Schedule("daily", "news", [new RecurrenceLine(Local(2026, 12, 1, 7), "FREQ=DAILY;COUNT=1")], TargetSet.Of(devices: ["dev1"])));

        var options = Options.Create(new OfflineOptions { ContentBaseUrl = "https://radio.example/device-api/content/" });
        _store = new ContentStore(_db.Database, _db.Storage, options, _time, new CapturingLogger<ContentStore>());
        var directory = new InMemoryTargetDirectory([new DevicePlacement("dev1", null, [])], [], []);
        _publisher = new PlanPublisher(_catalog, directory, new ContentSources(media), _store, new PlanItemBook(_db.Database), _bus, options,
            Options.Create(new BroadcastOptions()), _time, new CapturingLogger<PlanPublisher>());
        _device = await _broker.ConnectDeviceAsync("dev1", secret);
        await _device.SubscribeAsync(TopicTree.DevicePlan("dev1"));
    }

    public async Task DisposeAsync()
    {
        await _device.DisposeAsync();
        await _bus.DisposeAsync();
        await _broker.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task A_plan_is_published_once_per_change_and_moves_on_when_its_slot_starts()
    {
        var wake = await _publisher.RunOnceAsync(CancellationToken.None);
        var first = await NextPlanAsync(p => p.Items.Count == 1, "the plan with the 7:00 slot");
        var item = Assert.Single(first.Items);
        Assert.Equal(($"p-news-{Vn(2026, 12, 1, 7).ToUnixTimeSeconds()}", "news"), (item.Id, item.Program));
        Assert.Equal(Vn(2026, 12, 1, 7).ToUnixTimeMilliseconds() * 1000, item.StartUs);
        Assert.Equal("https://radio.example/device-api/content/", first.ContentUrl);
        Assert.Equal(48_000, item.Content.Samples);
        Assert.NotNull(_store.PathOf(item.Content.Sha256));
        // Woken just after the slot's start, within the refresh interval.
        Assert.Equal(Vn(2026, 12, 1, 6, 1), wake);

        var published = _publisher.PlanOf("dev1");
        _time.Advance(TimeSpan.FromSeconds(30));
        await _publisher.RunOnceAsync(CancellationToken.None);
        Assert.Same(published, _publisher.PlanOf("dev1"));

        _time.SetUtcNow(Vn(2026, 12, 1, 7, 0, 1));
        await _publisher.RunOnceAsync(CancellationToken.None);
        var second = await NextPlanAsync(p => p.Items.Count == 0, "the plan after the slot");
        Assert.True(second.Rev > first.Rev);
        Assert.Equal(2, _device.Received.Count(m => m.Topic == TopicTree.DevicePlan("dev1")));
    }

    private async Task<PlayPlan> NextPlanAsync(Func<PlayPlan, bool> match, string what)
    {
        var message = await _device.WaitForAsync(m => m.Topic == TopicTree.DevicePlan("dev1")
            && MessageCodec.Parse<PlayPlan>(m.Payload) is { IsOk: true } p && match(p.Value!), what);
        return MessageCodec.Parse<PlayPlan>(message.Payload).Value!;
    }
}
