using System.Net;
using InfoRadio.Controller.Broker;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Security;

public sealed class ConnectThrottleTests
{
    private static readonly IPEndPoint Guesser = new(IPAddress.Parse("10.0.0.66"), 40000);
    private static readonly IPEndPoint Device = new(IPAddress.Parse("10.0.0.7"), 50000);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);

    private ConnectThrottle Throttle(int perClient = 3, int perAddress = 10)
    {
        var options = new BrokerOptions();
        options.AuthLimit.PerClient.MaxFailures = perClient;
        options.AuthLimit.PerAddress.MaxFailures = perAddress;
        return new ConnectThrottle(Microsoft.Extensions.Options.Options.Create(options), _time);
    }

    [Fact]
    public void A_guesser_locks_out_only_its_own_address_and_never_the_device_elsewhere()
    {
        var throttle = Throttle();
        var started = Enumerable.Range(0, 3).SelectMany(_ => throttle.RecordFailure(Guesser, "dev1")).ToList();

        var lockout = Assert.Single(started);
        Assert.Equal(ConnectThrottle.ClientScope, lockout.Scope);
        Assert.Equal("10.0.0.66 dev1", lockout.Key);
        Assert.NotNull(throttle.Check(Guesser, "dev1"));
        Assert.Null(throttle.Check(Device, "dev1"));          // the real device, from its own address
        Assert.Null(throttle.Check(Guesser, "dev2"));         // another id from the guesser's address, until the address limit
    }

    [Fact]
    public void Rotating_client_ids_hits_the_per_address_limit()
    {
        var throttle = Throttle(perClient: 3, perAddress: 10);
        var started = Enumerable.Range(0, 10).SelectMany(i => throttle.RecordFailure(Guesser, $"dev{i}")).ToList();

        Assert.Equal(ConnectThrottle.AddressScope, Assert.Single(started).Scope);
        Assert.Equal(ConnectThrottle.AddressScope, throttle.Check(Guesser, "anything")!.Value.Scope);
        Assert.Null(throttle.Check(Device, "dev1"));
    }

    [Fact]
    public void IPv4_mapped_addresses_count_as_the_same_address()
    {
        var throttle = Throttle(perClient: 2);
        throttle.RecordFailure(new IPEndPoint(IPAddress.Parse("10.0.0.66").MapToIPv6(), 1), "dev1");
        throttle.RecordFailure(new IPEndPoint(IPAddress.Parse("10.0.0.66"), 2), "dev1");
        Assert.NotNull(throttle.Check(Guesser, "dev1"));
    }

    [Fact]
    public void A_success_clears_the_client_failures_but_not_the_address_ones()
    {
        var throttle = Throttle(perClient: 3, perAddress: 4);
        throttle.RecordFailure(Guesser, "dev1");
        throttle.RecordFailure(Guesser, "dev1");
        throttle.RecordSuccess(Guesser, "dev1");
        Assert.Empty(throttle.RecordFailure(Guesser, "dev1"));
        // Four failures from the address in all: the success did not give the address its budget back.
        Assert.Equal(ConnectThrottle.AddressScope, Assert.Single(throttle.RecordFailure(Guesser, "dev1")).Scope);
    }

    [Fact]
    public void A_lockout_ends()
    {
        var throttle = Throttle();
        for (var i = 0; i < 3; i++) throttle.RecordFailure(Guesser, "dev1");
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(throttle.Check(Guesser, "dev1"));
    }

    [Fact]
    public void Reissued_credentials_lift_the_client_lockouts_of_that_id_only()
    {
        var throttle = Throttle(perClient: 2, perAddress: 100);
        for (var i = 0; i < 2; i++)
        {
            throttle.RecordFailure(Guesser, "dev1");
            throttle.RecordFailure(Device, "dev1");
            throttle.RecordFailure(Guesser, "dev10");
        }

        Assert.Equal(2, throttle.Forgive("dev1"));

        Assert.Null(throttle.Check(Guesser, "dev1"));
        Assert.Null(throttle.Check(Device, "dev1"));
        Assert.NotNull(throttle.Check(Guesser, "dev10"));
    }
}
