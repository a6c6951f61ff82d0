using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Devices;

/// <summary>An online rotation keeps the old secret only until the device uses the new one or the grace ends.</summary>
public sealed class DeviceRegistryRotation_Tests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z"));
    private readonly DeviceRegistry _registry;
    private readonly List<string> _revoked = [];

    public DeviceRegistryRotation_Tests()
    {
        _registry = new DeviceRegistry(_db.Database, _time, new CapturingLogger<DeviceRegistry>(), iterations: 1000);
        _registry.CredentialsRevoked += _revoked.Add;
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void The_old_secret_works_during_the_grace_and_stops_once_the_new_one_is_used()
    {
        var old = _registry.Register("d1", null).Secret;
        var fresh = _registry.RotateSecretWithGrace("d1", TimeSpan.FromMinutes(2)).Secret;
        Assert.Empty(_revoked);
        Assert.True(_registry.InGrace("d1"));
        Assert.True(_registry.VerifySecret("d1", old));
        Assert.True(_registry.VerifySecret("d1", fresh));
        Assert.False(_registry.InGrace("d1"));
        Assert.False(_registry.VerifySecret("d1", old));
        Assert.False(_registry.EndGrace("d1"));
        Assert.Empty(_revoked);
    }

    [Fact]
    public void When_the_grace_ends_unused_the_old_secret_stops_and_its_connection_is_cut()
    {
        var old = _registry.Register("d1", null).Secret;
        var fresh = _registry.RotateSecretWithGrace("d1", TimeSpan.FromMinutes(2)).Secret;
        _time.Advance(TimeSpan.FromMinutes(3));
        Assert.False(_registry.VerifySecret("d1", old));
        Assert.True(_registry.EndGrace("d1"));
        Assert.Equal(["d1"], _revoked);
        Assert.True(_registry.VerifySecret("d1", fresh));
    }

    [Fact]
    public void A_rotation_survives_a_restart_but_the_grace_does_not()
    {
        var old = _registry.Register("d1", null).Secret;
        var fresh = _registry.RotateSecretWithGrace("d1", TimeSpan.FromMinutes(2)).Secret;
        var reopened = new DeviceRegistry(_db.Reopen(), _time, new CapturingLogger<DeviceRegistry>(), iterations: 1000);
        Assert.True(reopened.VerifySecret("d1", fresh));
        Assert.False(reopened.VerifySecret("d1", old));
    }

    [Fact]
    public void An_offline_rotation_stops_the_old_secret_at_once()
    {
        var old = _registry.Register("d1", null).Secret;
        _registry.RotateSecretWithGrace("d1", TimeSpan.FromMinutes(2));
        var offline = _registry.RotateSecret("d1").Secret;
        Assert.False(_registry.VerifySecret("d1", old));
        Assert.True(_registry.VerifySecret("d1", offline));
    }
}
