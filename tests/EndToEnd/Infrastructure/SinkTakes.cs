using System.Text.Json;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>One take of a speaker's WAV sink: its session, when its first sample sounded (the device's clock: the host's), its length in samples and its first stream position.</summary>
public sealed record SinkTake(string Session, long SoundedUs, long Samples, ulong Position);

/// <summary>Reads a speaker's takes from the timeline sidecars its WAV sink writes beside each file.</summary>
public static class SinkTakes
{
    public static List<SinkTake> Of(RunningSpeaker speaker)
    {
        if (!Directory.Exists(speaker.WavDirectory)) return [];
        var takes = new List<SinkTake>();
        foreach (var path in Directory.EnumerateFiles(speaker.WavDirectory, "*.timeline.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var wav = Path.Combine(speaker.WavDirectory, doc.RootElement.GetProperty("file").GetString()!);
            var samples = File.Exists(wav) ? (new FileInfo(wav).Length - 44) / 2 : 0;
            takes.Add(new SinkTake(doc.RootElement.GetProperty("session").GetString()!, doc.RootElement.GetProperty("deviceUs").GetInt64(), samples,
                doc.RootElement.GetProperty("position").GetUInt64()));
        }
        return takes;
    }
}
