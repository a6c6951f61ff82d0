namespace InfoRadio.Controller.Scheduling.Storage;

/// <summary>The per-device log of preemptions (who lost the air to whom, and what its policy made of it).</summary>
public interface IPreemptionLog
{
    void Add(IEnumerable<PreemptionLogEntry> entries);

    /// <summary>The device's latest entries, newest first.</summary>
    IReadOnlyList<PreemptionLogEntry> ForDevice(string deviceId, int limit = 100);
}
