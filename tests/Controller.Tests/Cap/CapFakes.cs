using System.Collections.Concurrent;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Cap;
using InfoRadio.Controller.Emergency;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Speech;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Tests.Cap;

/// <summary>A speech engine that records what it was asked to say and answers with a second of tone.</summary>
public sealed class RecordingSpeech : ISpeechSynthesizer
{
    public ConcurrentQueue<(string Text, TtsVoice Voice, double Speed)> Calls { get; } = new();

    public bool Fail { get; set; }

    public Task<DecodedAudio> SynthesizeAsync(string text, TtsVoice voice, double speed, CancellationToken ct)
    {
        Calls.Enqueue((text, voice, speed));
        if (Fail) throw new SpeechSynthesisException("the engine is down");
        var samples = Enumerable.Range(0, DecodedAudio.SampleRate).Select(i => 0.3f * MathF.Sin(i * 0.05f)).ToArray();
        return Task.FromResult(new DecodedAudio { Samples = samples, SourceFormat = "tts" });
    }
}

/// <summary>An emergency broadcaster that records requests and cancellations.</summary>
public sealed class RecordingEmergencies : IEmergencyBroadcaster
{
    public ConcurrentQueue<(string Id, EmergencyRequest Request)> Started { get; } = new();
    public ConcurrentQueue<(string Id, string Reason)> Cancelled { get; } = new();
    public Dictionary<string, EmergencyView> Views { get; } = [];

    public EmergencyView? Find(string emergencyId) => Views.GetValueOrDefault(emergencyId);

    public string Start(EmergencyRequest request)
    {
        var id = "em" + (Started.Count + 1);
        Started.Enqueue((id, request));
        return id;
    }

    public bool Cancel(string emergencyId, string reason)
    {
        Cancelled.Enqueue((emergencyId, reason));
        return Started.Any(s => s.Id == emergencyId);
    }
}

/// <summary>An airway that records what it was asked to air and stop, with views the test sets.</summary>
public sealed class RecordingAirway(IEmergencyBroadcaster? emergencies = null) : ICapAirway
{
    public List<(string Id, string Title, ProgramAudio Audio, BroadcastTargets Targets, PriorityClass Class, OriginLevel Origin)> Broadcasts { get; } = [];
    public List<(string Id, string Reason)> StoppedBroadcasts { get; } = [];
    public Dictionary<string, BroadcastView> Views { get; } = [];

    public string StartBroadcast(string title, ProgramAudio audio, BroadcastTargets targets, PriorityClass cls, OriginLevel origin)
    {
        var id = "bc" + (Broadcasts.Count + 1);
        Broadcasts.Add((id, title, audio, targets, cls, origin));
        return id;
    }

    public string StartEmergency(EmergencyRequest request) =>
        (emergencies ?? throw new CapAirException("no emergency broadcaster is configured in this controller")).Start(request);

    public bool StopBroadcast(string id, string reason)
    {
        StoppedBroadcasts.Add((id, reason));
        return true;
    }

    public bool StopEmergency(string id, string reason) => emergencies?.Cancel(id, reason) ?? false;

    public BroadcastView? FindBroadcast(string id) => Views.GetValueOrDefault(id);

    public EmergencyView? FindEmergency(string id) => emergencies?.Find(id);
}
