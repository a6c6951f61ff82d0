using System.Diagnostics;
using System.Globalization;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// tts: how fast the built-in espeak-ng engine renders a typical storm bulletin, per voice, through the whole
/// synthesizer (normalize, cut into sentences, one espeak-ng process per chunk, decode and resample to 48 kHz,
/// join). Real-time factor = seconds of speech per second of wall time; median of several runs after a warm-up.
/// </summary>
public static class TtsScenario
{
    private const string Bulletin =
        "Ban chỉ huy PCTT và TKCN xã thông báo: hồi 13h00 ngày 15/9, vị trí tâm bão số 3 ở khoảng 17,5 độ Vĩ Bắc, " +
        "cách bờ biển 250km. Sức gió mạnh nhất cấp 12 (118-133 km/h), giật cấp 15. Dự báo từ đêm 15/9 đến ngày 17/9 " +
        "có mưa to đến rất to, lượng mưa phổ biến 100-150mm, có nơi trên 300mm. UBND xã đề nghị bà con chằng chống nhà " +
        "cửa, không ra khơi, di dời người già và trẻ em đến nơi an toàn trước 17h30 ngày 15/9. Mọi thông tin liên hệ " +
        "trực ban xã, điện thoại 0912345678.";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var repeats = args.Int("repeats", 3);
        var speed = args.Double("speed", 1.0);
        var engine = new EspeakNgEngine(Options.Create(new EspeakNgOptions()), new AudioFileDecoder());
        using var synth = new SpeechSynthesizer(engine, Options.Create(new SpeechOptions()), NullLogger<SpeechSynthesizer>.Instance);
        Console.WriteLine(FormattableString.Invariant($"bulletin: {Bulletin.Length} characters; engine {engine.Name}; speed {speed}; median of {repeats} runs"));
        foreach (var voice in Enum.GetValues<TtsVoice>())
        {
            await synth.SynthesizeAsync(Bulletin, voice, speed, CancellationToken.None); // warm-up: page cache, JIT
            var times = new List<double>();
            DecodedAudio? audio = null;
            for (var i = 0; i < repeats; i++)
            {
                var started = Stopwatch.GetTimestamp();
                audio = await synth.SynthesizeAsync(Bulletin, voice, speed, CancellationToken.None);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            times.Sort();
            var median = times[times.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT tts voice={voice.ToString().ToLowerInvariant()} chars={Bulletin.Length} audio_s={audio!.Duration.TotalSeconds:F1} render_ms={median:F0} x_realtime={audio.Duration.TotalMilliseconds / median:F1}"));
        }
        return 0;
    }
}
