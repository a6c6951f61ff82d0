namespace InfoRadio.Controller.Devices;

public sealed partial class DeviceRegistry
{
    /// <summary>
    /// The controller is about to (re)subscribe to an external broker: whatever it learnt of the devices' presence over
    /// the previous connection is stale (a broker that restarted without persistence has forgotten every retained
    /// state and sent no Will for anyone). Every device counts as offline until its retained or fresh state says
    /// otherwise, so a speaker that never comes back is not listed online for ever. Returns how many were online.
    /// </summary>
    public int MarkAllOffline()
    {
        var online = List().Where(d => d.Online).Select(d => d.Id).ToList();
        foreach (var id in online) MarkOffline(id);
        return online.Count;
    }
}
