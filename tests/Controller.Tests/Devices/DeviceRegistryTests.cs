using System.Buffers.Text;
using System.Text;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Devices;

public sealed class DeviceRegistryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly CapturingLogger<DeviceRegistry> _log = new();
    private ControllerDatabase _database;
    private DeviceRegistry _registry;

    public DeviceRegistryTests()
    {
        _database = OpenDatabase();
        _registry = new DeviceRegistry(_database, _time, _log);
    }

    public void Dispose()
    {
        _database.Dispose();
        _dir.Dispose();
    }

    private ControllerDatabase OpenDatabase() => new(Options.Create(new StorageOptions { DataDir = _dir.Path }));

    private void Reopen()
    {
        _database.Dispose();
        _database = OpenDatabase();
        _registry = new DeviceRegistry(_database, _time, _log);
    }

    [Fact]
    public void Register_returns_a_256_bit_base64url_secret_that_verifies()
    {
        var registration = _registry.Register("loa-thon-1", "Loa thôn 1");

        Assert.Equal("loa-thon-1", registration.Id);
        Assert.Equal(43, registration.Secret.Length);
        Assert.Equal(32, Base64Url.DecodeFromChars(registration.Secret).Length);
        Assert.True(_registry.VerifySecret("loa-thon-1", registration.Secret));
        Assert.DoesNotContain(registration.Secret, registration.ToString());
        Assert.NotEqual(registration.Secret, _registry.Register("loa-thon-2", null).Secret);
    }

    [Fact]
    public void Wrong_secrets_and_unknown_devices_do_not_verify()
    {
        var secret = _registry.Register("dev1", null).Secret;

        Assert.False(_registry.VerifySecret("dev1", secret + "x"));
        Assert.False(_registry.VerifySecret("dev1", secret[..^1]));
        Assert.False(_registry.VerifySecret("dev1", ""));
        Assert.False(_registry.VerifySecret("dev1", new string('a', 10_000)));
        Assert.False(_registry.VerifySecret("dev2", secret));
        Assert.False(_registry.VerifySecret("DEV1", secret));
        // A wrong secret after a right one (cached) still fails, and the right one still works.
        Assert.True(_registry.VerifySecret("dev1", secret));
        Assert.False(_registry.VerifySecret("dev1", _registry.Register("dev3", null).Secret));
        Assert.True(_registry.VerifySecret("dev1", secret));
    }

    [Fact]
    public void Only_the_secret_verified_before_skips_pbkdf2_and_a_revocation_ends_that()
    {
        var secret = _registry.Register("dev1", null).Secret;

        Assert.False(_registry.IsVerifiedBefore("dev1", secret));
        Assert.False(_registry.VerifySecret("dev1", secret + "x"));
        Assert.False(_registry.IsVerifiedBefore("dev1", secret + "x"));
        Assert.True(_registry.VerifySecret("dev1", secret));
        Assert.True(_registry.IsVerifiedBefore("dev1", secret));
        Assert.False(_registry.IsVerifiedBefore("dev1", secret + "x"));
        Assert.False(_registry.IsVerifiedBefore("dev2", secret));

        _registry.Revoke("dev1", "technician", "stolen");
        Assert.False(_registry.IsVerifiedBefore("dev1", secret));
    }

    [Fact]
    public void The_secret_is_stored_only_as_a_salted_pbkdf2_hash()
    {
        var secret = _registry.Register("dev1", "Cluster A").Secret;
        var raw = Base64Url.DecodeFromChars(secret);

        var doc = _database.Database.GetCollection(DeviceRegistry.CollectionName).FindById("dev1");
        var stored = doc["secret"].AsDocument;
        Assert.Equal("pbkdf2-sha256", stored["algorithm"].AsString);
        Assert.True(stored["iterations"].AsInt32 >= 10_000);
        Assert.Equal(16, stored["salt"].AsBinary.Length);
        Assert.Equal(32, stored["hash"].AsBinary.Length);
        Assert.NotEqual(raw, stored["hash"].AsBinary);
        Assert.DoesNotContain(doc.Keys, k => k.Contains("plain", StringComparison.OrdinalIgnoreCase));

        // Nowhere in the files on disk either: not as text, not as raw bytes.
        _database.Dispose();
        var bytes = Directory.GetFiles(_dir.Path, "inforadio*").SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(bytes.AsSpan().IndexOf("Cluster A"u8) >= 0, "the test must be looking at the right file");
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0);
        Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0);
        Assert.True(bytes.AsSpan().IndexOf(raw) < 0);
        _database = OpenDatabase();
    }

    [Fact]
    public void Two_devices_with_the_same_secret_would_still_have_different_hashes()
    {
        _registry.Register("a", null);
        _registry.Register("b", null);
        var devices = _database.Database.GetCollection(DeviceRegistry.CollectionName);
        Assert.NotEqual(devices.FindById("a")["secret"]["salt"].AsBinary, devices.FindById("b")["secret"]["salt"].AsBinary);
    }

    [Fact]
    public void Registrations_survive_reopening_the_database_and_every_device_starts_offline()
    {
        var secret = _registry.Register("dev1", "Cluster A").Secret;
        _registry.ApplyReportedState("dev1", new ReportedState { Online = true, Firmware = "1.2.3", Volume = 70, Session = "s1" });
        Assert.True(_registry.Find("dev1")!.Online);

        _time.Advance(TimeSpan.FromMinutes(5));
        Reopen();

        var view = _registry.Find("dev1")!;
        Assert.Equal("Cluster A", view.Name);
        Assert.False(view.Online);
        Assert.Null(view.Session);
        Assert.Equal("1.2.3", view.Firmware);
        Assert.Equal(70, view.Volume);
        Assert.Equal(Start, view.CreatedAt);
        Assert.Equal(Start, view.LastSeen);
        Assert.True(_registry.VerifySecret("dev1", secret));
        Assert.False(_registry.VerifySecret("dev1", secret + "a"));
    }

    [Theory]
    [InlineData("", DeviceRegistrationError.InvalidId)]
    [InlineData("Upper", DeviceRegistrationError.InvalidId)]
    [InlineData("has space", DeviceRegistrationError.InvalidId)]
    [InlineData("a/b", DeviceRegistrationError.InvalidId)]
    [InlineData("+", DeviceRegistrationError.InvalidId)]
    [InlineData("#", DeviceRegistrationError.InvalidId)]
    [InlineData("-leading", DeviceRegistrationError.InvalidId)]
    [InlineData("controller", DeviceRegistrationError.ReservedId)]
    public void Invalid_and_reserved_ids_are_refused(string id, DeviceRegistrationError error)
    {
        var ex = Assert.Throws<DeviceRegistrationException>(() => _registry.Register(id, null));
        Assert.Equal(error, ex.Error);
        Assert.Empty(_registry.List());
    }

    [Fact]
    public void An_id_longer_than_64_characters_is_refused()
    {
        var ex = Assert.Throws<DeviceRegistrationException>(() => _registry.Register(new string('a', 65), null));
        Assert.Equal(DeviceRegistrationError.InvalidId, ex.Error);
        Assert.Contains("64", ex.Message);
    }

    [Fact]
    public void A_duplicate_id_is_refused_and_keeps_the_first_secret()
    {
        var secret = _registry.Register("dev1", "first").Secret;

        var ex = Assert.Throws<DeviceRegistrationException>(() => _registry.Register("dev1", "second"));
        Assert.Equal(DeviceRegistrationError.Duplicate, ex.Error);
        Assert.Contains("already registered", ex.Message);
        Assert.Equal("first", _registry.Find("dev1")!.Name);
        Assert.True(_registry.VerifySecret("dev1", secret));
    }

    [Fact]
    public void Concurrent_registrations_of_one_id_let_exactly_one_win()
    {
        var outcomes = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8).Select(_ =>
        {
            try
            {
                _registry.Register("race", null);
                return true;
            }
            catch (DeviceRegistrationException ex) when (ex.Error == DeviceRegistrationError.Duplicate)
            {
                return false;
            }
        }).ToList();
        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Single(_registry.List());
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    public void Names_with_control_characters_are_refused(string name)
    {
        var ex = Assert.Throws<DeviceRegistrationException>(() => _registry.Register("dev1", name));
        Assert.Equal(DeviceRegistrationError.InvalidName, ex.Error);
    }

    [Fact]
    public void Overlong_names_are_refused_and_blank_names_become_null()
    {
        Assert.Equal(DeviceRegistrationError.InvalidName,
            Assert.Throws<DeviceRegistrationException>(() => _registry.Register("dev1", new string('x', 101))).Error);
        _registry.Register("dev2", "   ");
        Assert.Null(_registry.Find("dev2")!.Name);
        _registry.Register("dev3", "  Loa chợ  ");
        Assert.Equal("Loa chợ", _registry.Find("dev3")!.Name);
    }

    [Fact]
    public void List_is_sorted_by_id_and_Find_returns_null_for_unknown_ids()
    {
        _registry.Register("c", null);
        _registry.Register("a", null);
        _registry.Register("b", null);
        Assert.Equal(["a", "b", "c"], _registry.List().Select(d => d.Id));
        Assert.Null(_registry.Find("zzz"));
    }

    [Fact]
    public void A_verified_secret_is_checked_again_without_pbkdf2()
    {
        // A deliberately expensive count makes the PBKDF2 path take a measurable time.
        var slow = new DeviceRegistry(_database, _time, _log, iterations: 1_000_000);
        var secret = slow.Register("slow", null).Secret;

        var first = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(slow.VerifySecret("slow", secret));
        first.Stop();
        var again = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 100; i++) Assert.True(slow.VerifySecret("slow", secret));
        again.Stop();

        Assert.True(again.Elapsed < first.Elapsed,
            $"100 cached checks took {again.Elapsed.TotalMilliseconds} ms, one PBKDF2 check {first.Elapsed.TotalMilliseconds} ms");
        // Wrong secrets are never served from the cache.
        var wrong = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(slow.VerifySecret("slow", secret + "x"));
        Assert.True(wrong.Elapsed > again.Elapsed / 100 * 10, "a wrong secret must pay for PBKDF2");
    }
}
