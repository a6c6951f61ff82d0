using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;

namespace InfoRadio.Controller.Emergency;

/// <summary>What an emergency airs and to whom: the targets resolved, the chime and the message composed.</summary>
public sealed partial class EmergencyService
{
    /// <summary>What the play log needs to name the emergency (and its CAP alert) from a speaker's play events.</summary>
    private static BroadcastSource SourceOf(EmergencyRecord record) =>
        new() { EmergencyId = record.Id, CapIdentifier = record.CapIdentifier };

    private static IEnumerable<string> Describe(BroadcastTargets targets) =>
        targets.AllDevices ? ["all"] : targets.DeviceIds.Select(id => "device:" + id);

    /// <summary>The whole airing: chime, gap, message, repeated; the chime before each reading or the first only.</summary>
    private ProgramAudio Compose(ProgramAudio message, int repeat)
    {
        var chime = Chime();
        var gap = ProgramAudio.InMemory(new DecodedAudio
        {
            Samples = new float[(long)_options.GapMs * DecodedAudio.SampleRate / 1000], SourceFormat = "silence",
        });
        var parts = new List<ProgramAudio>();
        for (var i = 0; i < repeat; i++)
        {
            if (i == 0 || _options.ChimeEveryRepeat) parts.AddRange([chime, gap]);
            parts.Add(message);
            if (i < repeat - 1) parts.Add(gap);
        }
        return ProgramAudio.Sequence(parts.Where(p => p.SampleCount > 0).ToArray(), $"emergency: chime, then {message.SourceFormat} ×{repeat}");
    }

    private ProgramAudio Chime()
    {
        if (_options.ChimeMediaId is { Length: > 0 } id)
        {
            try
            {
                if (_media?.TryOpen(id) is { SampleCount: > 0 } media) return media;
                LogChimeMissing(id, "no such media item");
            }
            catch (AudioFormatException ex)
            {
                LogChimeMissing(id, ex.Message);
            }
        }
        return _builtInChime.Value;
    }
}
