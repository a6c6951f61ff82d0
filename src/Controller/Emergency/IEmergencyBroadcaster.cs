namespace InfoRadio.Controller.Emergency;

/// <summary>
/// Puts an emergency on air (khẩn cấp): it outranks every other session at its targets, plays the alert chime first,
/// forces the emergency volume over mute, repeats as asked, and keeps a live reach report (who played it and when,
/// who was offline), retrying devices that come back while it is still on.
/// </summary>
public interface IEmergencyBroadcaster
{
    /// <summary>Starts the emergency and returns its id.</summary>
    /// <exception cref="Broadcasting.BroadcastRequestException">The targets are unknown or empty, or the request is invalid.</exception>
    string Start(EmergencyRequest request);

    /// <summary>Stops the emergency now, recording <paramref name="reason"/>; false when it is not on.</summary>
    bool Cancel(string emergencyId, string reason);

    /// <summary>The emergency's reach report (who played it, when; who was offline); null when unknown.</summary>
    EmergencyView? Find(string emergencyId);
}
