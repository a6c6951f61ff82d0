using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Emergency;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Cap;

/// <summary>
/// The running controller's <see cref="ICapAirway"/>. The emergency broadcaster is looked up when an emergency airs,
/// not when this is built, so CAP ingest works (and says so per alert) in a controller that has none registered.
/// </summary>
public sealed class CapAirway(BroadcastService broadcasts, IServiceProvider services) : ICapAirway
{
    public string StartBroadcast(string title, ProgramAudio audio, BroadcastTargets targets, PriorityClass cls, OriginLevel origin) =>
        broadcasts.Start(title, audio, targets, new ScheduledAir(cls, origin)).Id;

    public string StartEmergency(EmergencyRequest request) => Emergency().Start(request);

    public bool StopBroadcast(string id, string reason) => broadcasts.Cancel(id, reason);

    public bool StopEmergency(string id, string reason) => Emergency().Cancel(id, reason);

    public BroadcastView? FindBroadcast(string id) => broadcasts.Find(id);

    public EmergencyView? FindEmergency(string id) => services.GetService<IEmergencyBroadcaster>()?.Find(id);

    private IEmergencyBroadcaster Emergency() =>
        services.GetService<IEmergencyBroadcaster>() ?? throw new CapAirException("no emergency broadcaster is configured in this controller");
}
