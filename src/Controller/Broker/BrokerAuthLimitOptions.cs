using InfoRadio.Controller.Security;

namespace InfoRadio.Controller.Broker;

/// <summary>
/// Lockouts after failed CONNECTs (section <c>Broker:AuthLimit</c>). Both keys include the remote address, so a
/// client can only ever lock out itself and its own address, never a device's id as seen from elsewhere: devices
/// behind another address keep connecting while one address is locked out.
/// </summary>
public sealed class BrokerAuthLimitOptions
{
    /// <summary>Per remote address and client id: a device (or a guesser) retrying one identity.</summary>
    public FailureLimitOptions PerClient { get; set; } = new() { MaxFailures = 5, WindowSeconds = 60, LockoutSeconds = 30, MaxLockoutSeconds = 900 };

    /// <summary>
    /// Per remote address, whatever the client id: a guesser rotating through ids. Higher than per client because many
    /// devices may share one address behind a carrier's NAT.
    /// </summary>
    public FailureLimitOptions PerAddress { get; set; } = new() { MaxFailures = 30, WindowSeconds = 60, LockoutSeconds = 60, MaxLockoutSeconds = 900 };
}
