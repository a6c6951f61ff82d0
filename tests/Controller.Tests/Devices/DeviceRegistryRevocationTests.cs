using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Devices;

public sealed class DeviceRegistryRevocationTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Start);
    private ControllerDatabase _database;
    private DeviceRegistry _registry;

    public DeviceRegistryRevocationTests()
    {
        _database = new ControllerDatabase(Options.Create(new StorageOptions { DataDir = _dir.Path }));
        _registry = new DeviceRegistry(_database, _time, new CapturingLogger<DeviceRegistry>());
    }

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void A_revocation_is_persisted_refuses_every_secret_and_raises_the_cut()
    {
        var secret = _registry.Register("dev1", null).Secret;
        Assert.True(_registry.VerifySecret("dev1", secret)); // cached as verified: the revocation must still win
        var cut = new List<string>();
        _registry.CredentialsRevoked += cut.Add;

        var view = _registry.Revoke("dev1", "tech", "  stolen  ");

        Assert.Equal(new DeviceRevocation(Start, "tech", "stolen"), view.Revocation);
        Assert.Equal(["dev1"], cut);
        Assert.False(_registry.VerifySecret("dev1", secret));
        var rotated = _registry.RotateSecret("dev1").Secret;
        Assert.False(_registry.VerifySecret("dev1", rotated));

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(Start, _registry.Revoke("dev1", "other", "again").Revocation!.At); // the first record stays
        Assert.Equal(3, cut.Count); // revoke, rotate, revoke again: each cuts the connection

        _database.Dispose();
        _database = new ControllerDatabase(Options.Create(new StorageOptions { DataDir = _dir.Path }));
        _registry = new DeviceRegistry(_database, _time, new CapturingLogger<DeviceRegistry>());
        Assert.True(_registry.IsRevoked("dev1"));
        Assert.Equal("stolen", _registry.Find("dev1")!.Revocation!.Reason);
        Assert.False(_registry.VerifySecret("dev1", rotated));
    }

    [Fact]
    public void Reinstating_issues_a_new_secret_and_only_a_revoked_device_can_be_reinstated()
    {
        var old = _registry.Register("dev1", null).Secret;
        var ex = Assert.Throws<DeviceRegistrationException>(() => _registry.Reinstate("dev1", "admin"));
        Assert.Equal(DeviceRegistrationError.NotRevoked, ex.Error);
        _registry.Revoke("dev1", "tech", null);
        var reissued = new List<string>();
        _registry.CredentialsReissued += reissued.Add;

        var fresh = _registry.Reinstate("dev1", "admin").Secret;

        Assert.Equal(["dev1"], reissued);
        Assert.False(_registry.IsRevoked("dev1"));
        Assert.True(_registry.VerifySecret("dev1", fresh));
        Assert.False(_registry.VerifySecret("dev1", old));
        Assert.Equal(DeviceRegistrationError.NotFound, Assert.Throws<DeviceRegistrationException>(() => _registry.Revoke("nope", null, null)).Error);
        Assert.Throws<DeviceRegistrationException>(() => _registry.Revoke("dev1", null, new string('x', 501)));
    }

    [Fact]
    public void A_revoked_device_is_never_online_whatever_an_old_retained_report_says()
    {
        _registry.Register("dev1", null);
        _registry.ApplyReportedState("dev1", new InfoRadio.Protocol.Messages.ReportedState { Online = true, Session = "s1" });
        Assert.True(_registry.Find("dev1")!.Online);

        _registry.Revoke("dev1", "tech", "stolen");
        // mosquitto (dynsec) cuts a disabled account without its Will; its retained "online" is replayed at a restart.
        _registry.MarkOffline("dev1");
        _registry.ApplyReportedState("dev1", new InfoRadio.Protocol.Messages.ReportedState { Online = true, Session = "s1" });

        var view = _registry.Find("dev1")!;
        Assert.False(view.Online);
        Assert.Null(view.Session);
    }
}
