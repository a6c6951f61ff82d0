using InfoRadio.Controller.Audio;
using InfoRadio.Protocol;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// How one kind of broadcast trades delay for robustness: <c>program</c> (uploaded files) waits a second and packs
/// 100 ms per MQTT message; <c>live</c> (a microphone) must be heard a fraction of a second after it is spoken.
/// Bound from <c>Broadcast:Profiles:{Program|Live}</c>; a 4G deployment raises the latencies.
/// </summary>
public sealed class BroadcastProfile
{
    /// <summary>Delay between a sample's place on the timeline and the instant speakers sound it.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Opus frames per MQTT message: cost is per message, but a live sample waits for its packet to fill.</summary>
    public int FramesPerPacket { get; set; }

    /// <summary>
    /// How far ahead of real time packets may be published (programs), or live input may run (live). For live input
    /// anything ahead is added delay (a backlog after a stall the controller already filled with silence), so the
    /// live profile keeps this short: input beyond it is dropped and the delay returns to the profile's latency.
    /// </summary>
    public int SendAheadMs { get; set; }

    /// <summary>Time between announcing a session and its epoch, so speakers can subscribe to its audio first.</summary>
    public int StartLeadMs { get; set; }

    /// <summary>
    /// Audio published at once, retained, as the stream's head (see <see cref="StreamHead"/>), so that speakers that
    /// subscribe after the first packets left still play from the first sample; 0 turns it off. At most one packet's
    /// worth (50 frames). Live input has no audio ahead, so the live profile does not use it.
    /// </summary>
    public int HeadMs { get; set; }

    /// <summary>The encoder of this profile: <c>Audio:Opus</c> with this profile's <c>Opus</c> keys on top.</summary>
    public OpusEncoderSettings Opus { get; set; } = new();

    /// <summary>Audio carried by one packet.</summary>
    public int PacketMs => FramesPerPacket * Opus.FrameSamples * 1000 / ProtocolVersion.SampleRate;

    public static BroadcastProfile ProgramDefaults() => new() { LatencyMs = 1000, FramesPerPacket = 5, SendAheadMs = 200, StartLeadMs = 500, HeadMs = 1000 };

    /// <summary>
    /// Emergencies must sound within a second of the request at every speaker: reach = start lead + latency + the
    /// controller's own work. 300 ms of lead lets a few hundred speakers see the desired state and subscribe before the
    /// first packet leaves (100 ms before its instant); 400 ms of latency plus those 100 ms give each packet half a
    /// second to cross the broker and the link. Together 700 ms, leaving room for the request's own work within the
    /// second. The audio is stored, not live, so a packet does not wait to fill: it carries 100 ms like a program's,
    /// which keeps the broker's message rate that of a program (cost is per message).
    /// </summary>
    public static BroadcastProfile EmergencyDefaults() => new() { LatencyMs = 400, FramesPerPacket = 5, SendAheadMs = 100, StartLeadMs = 300, HeadMs = 1000 };

    public static BroadcastProfile LiveDefaults() => new() { LatencyMs = 200, FramesPerPacket = 2, SendAheadMs = 60, StartLeadMs = 500 };

    /// <summary>
    /// Live to a wide audience (<see cref="BroadcastProfiles.WideLiveFromSpeakers"/> speakers or more): a broker's cost
    /// is per message and per listener, so 200 ms per message is a fifth of the live profile's message rate for a
    /// second of delay instead of 200 ms (docs/benchmarks.md, fanout): 5,000 listeners and the simulator holding them on
    /// one 2-core box got their packets about 290 ms (median) to 590 ms (p99) after the first sample was spoken, the
    /// 200 ms fill included, and once in a while 890 ms; a second, as for programs, leaves room for that. A second of
    /// start lead gives thousands of speakers time to see the session and subscribe before its first packet.
    /// </summary>
    public static BroadcastProfile WideLiveDefaults() => new() { LatencyMs = 1000, FramesPerPacket = 10, SendAheadMs = 60, StartLeadMs = 1000 };

    /// <summary>Null when usable, else what is wrong, naming the setting under <paramref name="path"/>.</summary>
    public string? Validate(string path)
    {
        if (Opus is null) return $"{path}:Opus is missing";
        if (Opus.Validate() is { } opus) return $"{path}:Opus: {opus}";
        if (LatencyMs is < 1 or > 60_000) return $"{path}:LatencyMs must be between 1 and 60000 (the protocol's range)";
        if (FramesPerPacket is < 1 or > AudioPacketCodec.MaxFrames) return $"{path}:FramesPerPacket must be between 1 and {AudioPacketCodec.MaxFrames}";
        // A sample waits for its packet to fill before it can leave; a latency shorter than that can never be met.
        if (PacketMs >= LatencyMs) return $"{path}: a packet of {PacketMs} ms does not fit in a latency of {LatencyMs} ms";
        if (SendAheadMs is < 0 or > 60_000) return $"{path}:SendAheadMs must be between 0 and 60000";
        if (StartLeadMs is < 0 or > 60_000) return $"{path}:StartLeadMs must be between 0 and 60000";
        if (HeadMs is < 0 or > 60_000) return $"{path}:HeadMs must be between 0 and 60000 (0 turns the head off)";
        return null;
    }
}
