namespace InfoRadio.DeviceAgent.Link;

/// <summary>The durable event queue's side of the link (see <see cref="Journal.EventJournal"/>).</summary>
internal sealed partial class AgentLink
{
    /// <summary>Events queued by this process since it started.</summary>
    public long EventsProduced => Interlocked.Read(ref _eventsProduced);

    /// <summary>Events waiting for the broker's PUBACK (on disk unless the journal is unusable).</summary>
    public int QueuedEvents => _journal.Count + _journalInbox.Reader.Count;

    /// <summary>Events dropped because the queue was full (including those replayed from the journal).</summary>
    public long EventsDropped => _journal.TotalDropped;

    /// <summary>Events dropped for room that the controller has not been told about yet.</summary>
    public long UnreportedEventDrops => _journal.UnreportedDrops;

    /// <summary>The drops were reported (the caller queued an Error event that says so).</summary>
    public void MarkEventDropsReported()
    {
        // The report (an Error event just queued) goes into the journal first, so a power cut cannot lose it.
        WriteInbox();
        _journal.MarkDropsReported();
    }

    /// <summary>
    /// Queues an event (QoS 1, not retained) durably without waiting: a background writer puts it in the journal, and
    /// only from there is it sent (before queued state); it leaves the journal only with the broker's PUBACK, so
    /// outages and restarts neither lose nor reorder it. Disposing the link writes what is still on its way.
    /// </summary>
    public void EnqueueEvent(string topic, byte[] payload)
    {
        Interlocked.Increment(ref _eventsProduced);
        _journalInbox.Writer.TryWrite((topic, payload));
    }

    private async Task WriteJournalAsync()
    {
        while (await _journalInbox.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (WriteInbox()) _outboxWake.Writer.TryWrite(true);
        }
    }

    /// <summary>Moves the events on their way into the journal, in order; true when there were any.</summary>
    private bool WriteInbox()
    {
        var any = false;
        lock (_inboxGate)
        {
            while (_journalInbox.Reader.TryRead(out var e))
            {
                try
                {
                    _journal.Append(e.Topic, e.Payload);
                    any = true;
                }
                catch (ArgumentException ex)
                {
                    // Larger than any valid event (the protocol caps JSON at 16 KB): refused here rather than sent.
                    LogEventTooLarge(_logger, e.Topic, ex.Message);
                }
            }
        }
        return any;
    }
}
