using System.Net;
using InfoRadio.Controller.Security;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Broker;

/// <summary>Which lockout refused a CONNECT, and for how much longer.</summary>
public readonly record struct ConnectLockout(string Scope, string Key, TimeSpan Remaining);

/// <summary>
/// The broker's two <see cref="FailureLimiter"/>s: per (remote address, client id) and per remote address. A CONNECT
/// from a locked-out key is refused before its secret is checked. A success clears only its (address, client id)
/// failures: clearing the address too would let a guesser with one valid device reset its budget between guesses.
/// </summary>
public sealed class ConnectThrottle
{
    public const string ClientScope = "address+client id";
    public const string AddressScope = "address";

    private readonly FailureLimiter _perClient;
    private readonly FailureLimiter _perAddress;

    public ConnectThrottle(IOptions<BrokerOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value.AuthLimit;
        _perClient = new FailureLimiter(limits.PerClient, time);
        _perAddress = new FailureLimiter(limits.PerAddress, time);
    }

    /// <summary>The lockout in force for this address or this (address, client id), if any.</summary>
    public ConnectLockout? Check(EndPoint? remote, string? clientId)
    {
        var address = AddressOf(remote);
        var byAddress = _perAddress.LockedFor(address);
        if (byAddress > TimeSpan.Zero) return new ConnectLockout(AddressScope, address, byAddress);
        var key = ClientKey(address, clientId);
        var byClient = _perClient.LockedFor(key);
        return byClient > TimeSpan.Zero ? new ConnectLockout(ClientScope, key, byClient) : null;
    }

    /// <summary>Counts a failed CONNECT; returns the lockouts it started (each is logged once).</summary>
    public IReadOnlyList<ConnectLockout> RecordFailure(EndPoint? remote, string? clientId)
    {
        var address = AddressOf(remote);
        var key = ClientKey(address, clientId);
        List<ConnectLockout>? started = null;
        if (_perClient.RecordFailure(key) is { } a) (started ??= []).Add(new ConnectLockout(ClientScope, key, a));
        if (_perAddress.RecordFailure(address) is { } b) (started ??= []).Add(new ConnectLockout(AddressScope, address, b));
        return started ?? (IReadOnlyList<ConnectLockout>)[];
    }

    /// <summary>
    /// Lifts the per-client lockouts of <paramref name="clientId"/> from every address: its device was just given new
    /// credentials, and the failures of its old ones (a revoked box retrying) must not keep the new ones out.
    /// </summary>
    public int Forgive(string clientId) => _perClient.Forget(k => k.EndsWith(" " + clientId, StringComparison.Ordinal));

    public void RecordSuccess(EndPoint? remote, string? clientId) => _perClient.RecordSuccess(ClientKey(AddressOf(remote), clientId));

    /// <summary>The address alone (the port changes with every connection); IPv4-mapped IPv6 as plain IPv4.</summary>
    public static string AddressOf(EndPoint? remote) => remote switch
    {
        IPEndPoint ip => (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString(),
        null => "?",
        _ => remote.ToString() ?? "?",
    };

    private static string ClientKey(string address, string? clientId) => address + " " + (clientId ?? "");
}
