using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Cap;

/// <summary>
/// Where CAP alerts go on air: emergencies through <see cref="IEmergencyBroadcaster"/>, lower classes through
/// <see cref="BroadcastService"/>. An interface so the ledger's flow is tested on its own.
/// </summary>
public interface ICapAirway
{
    /// <summary>Starts a normal or priority broadcast; returns its broadcast id.</summary>
    /// <exception cref="BroadcastRequestException">The targets are unknown or empty.</exception>
    string StartBroadcast(string title, ProgramAudio audio, BroadcastTargets targets, PriorityClass cls, OriginLevel origin);

    /// <summary>Starts an emergency; returns its id.</summary>
    /// <exception cref="BroadcastRequestException">The request is refused.</exception>
    /// <exception cref="CapAirException">No emergency broadcaster is configured.</exception>
    string StartEmergency(EmergencyRequest request);

    bool StopBroadcast(string id, string reason);

    bool StopEmergency(string id, string reason);

    /// <summary>What each device did with a broadcast; null when unknown.</summary>
    BroadcastView? FindBroadcast(string id);

    /// <summary>An emergency's reach report; null when unknown or when no emergency broadcaster is configured.</summary>
    EmergencyView? FindEmergency(string id);
}
