namespace InfoRadio.Controller.Broker;

/// <summary>What the embedded broker accepted and refused since start. Thread-safe, lock-free.</summary>
public sealed class BrokerCounters
{
    private long _connectionsAccepted;
    private long _authFailures;
    private long _clientIdRejected;
    private long _willDenied;
    private long _publishDenied;
    private long _subscribeDenied;
    private long _disconnects;
    private long _enrollmentRefused;
    private long _enrollmentSessions;
    private long _throttled;
    private long _lockouts;
    private long _oversized;
    private long _queueOverflows;
    private long _staleAudio;

    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>Connections refused for a missing, unknown or wrong username or password.</summary>
    public long AuthFailures => Interlocked.Read(ref _authFailures);

    /// <summary>Device connections whose MQTT client id was not their device id.</summary>
    public long ClientIdRejected => Interlocked.Read(ref _clientIdRejected);

    /// <summary>Device connections whose Last Will pointed anywhere but their state topic.</summary>
    public long WillDenied => Interlocked.Read(ref _willDenied);

    /// <summary>Connections refused unchecked because their address or (address, client id) was locked out.</summary>
    public long ConnectsThrottled => Interlocked.Read(ref _throttled);

    /// <summary>Lockouts started by repeated failed connections.</summary>
    public long Lockouts => Interlocked.Read(ref _lockouts);

    /// <summary>Every refused connection, whatever the reason.</summary>
    public long ConnectionsRefused => AuthFailures + ClientIdRejected + WillDenied + ConnectsThrottled;

    /// <summary>Device publishes over Broker:MaxDevicePublishBytes (dropped, and the device disconnected).</summary>
    public long OversizedPublishes => Interlocked.Read(ref _oversized);

    /// <summary>Messages a client published where the ACL forbids; they were not forwarded.</summary>
    public long PublishDenied => Interlocked.Read(ref _publishDenied);

    /// <summary>Subscriptions refused with NotAuthorized.</summary>
    public long SubscribeDenied => Interlocked.Read(ref _subscribeDenied);

    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>
    /// Messages dropped for a reader slower than its messages come: a client whose queue held
    /// Broker:MaxPendingMessagesPerClient already (the oldest queued message goes), or the controller with its
    /// <see cref="InfoRadio.Controller.Messaging.DeviceMessageTap"/> full (the new message goes).
    /// </summary>
    public long QueueOverflows => Interlocked.Read(ref _queueOverflows);

    /// <summary>
    /// Audio packets not sent to a listener because all their samples had sounded before the packet's turn in that
    /// listener's queue came (see <see cref="InfoRadio.Controller.Broadcasting.StreamDeadlines"/>).
    /// </summary>
    public long StaleAudioNotSent => Interlocked.Read(ref _staleAudio);

    /// <summary>Enrollment sessions refused: wrong or missing token, bad client id, a Last Will (also in the totals above).</summary>
    public long EnrollmentRefused => Interlocked.Read(ref _enrollmentRefused);

    /// <summary>Enrollment sessions admitted.</summary>
    public long EnrollmentSessions => Interlocked.Read(ref _enrollmentSessions);

    internal void ConnectionAccepted() => Interlocked.Increment(ref _connectionsAccepted);
    internal void AuthFailed() => Interlocked.Increment(ref _authFailures);
    internal void ClientIdRefused() => Interlocked.Increment(ref _clientIdRejected);
    internal void WillRefused() => Interlocked.Increment(ref _willDenied);
    internal void PublishRefused() => Interlocked.Increment(ref _publishDenied);
    internal void SubscribeRefused() => Interlocked.Increment(ref _subscribeDenied);
    internal void EnrollmentRefusedOnce() => Interlocked.Increment(ref _enrollmentRefused);
    internal void EnrollmentAdmitted() => Interlocked.Increment(ref _enrollmentSessions);
    internal void Throttled() => Interlocked.Increment(ref _throttled);
    internal void LockoutStarted() => Interlocked.Increment(ref _lockouts);
    internal void OversizedPublish() => Interlocked.Increment(ref _oversized);
    internal void Disconnected() => Interlocked.Increment(ref _disconnects);
    internal void QueueOverflowed() => Interlocked.Increment(ref _queueOverflows);
    internal void StaleAudioSkipped() => Interlocked.Increment(ref _staleAudio);
}
