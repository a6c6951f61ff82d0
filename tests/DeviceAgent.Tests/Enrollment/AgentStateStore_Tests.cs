using InfoRadio.DeviceAgent;
using InfoRadio.DeviceAgent.Enrollment;
using InfoRadio.Protocol.Enrollment;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Enrollment;

public sealed class AgentStateStore_Tests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforadio-agent-state-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_key_is_made_once_and_kept_readable_by_the_agent_only()
    {
        var store = new AgentStateStore(Path.Combine(_dir, "state"));
        using var first = store.LoadOrCreateKey();
        using var again = store.LoadOrCreateKey();
        Assert.Equal(DeviceKeys.ExportPublic(first), DeviceKeys.ExportPublic(again));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.KeyPath));
    }

    [Fact]
    public void Credentials_are_replaced_whole_with_mode_0600_and_an_unreadable_file_is_reported()
    {
        var store = new AgentStateStore(_dir);
        Assert.Null(store.LoadCredentials(out var none));
        Assert.Null(none);
        store.SaveCredentials(new EnrolledCredentials { DeviceId = "d1", Secret = "0123456789abcdef-one" });
        // A leftover temporary file with a wider mode must not widen the real one.
        File.WriteAllText(store.CredentialsPath + ".tmp", "junk");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(store.CredentialsPath + ".tmp", (UnixFileMode)0b110_110_110);
        store.SaveCredentials(new EnrolledCredentials { DeviceId = "d1", Secret = "0123456789abcdef-two" });
        Assert.Equal("0123456789abcdef-two", store.LoadCredentials(out _)!.Secret);
        Assert.False(File.Exists(store.CredentialsPath + ".tmp"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.CredentialsPath));

        File.WriteAllText(store.CredentialsPath, "{\"deviceId\":\"Bad Id\",\"secret\":\"0123456789abcdef\"}");
        Assert.Null(store.LoadCredentials(out var problem));
        Assert.Contains("deviceId", problem);
    }

    [Fact]
    public async Task Stored_credentials_win_over_enrolling_and_configured_ones_are_used_as_given()
    {
        var options = new AgentOptions { Serial = "SN-1", EnrollmentToken = "t", StateDirectory = _dir, Sink = "null" };
        new AgentStateStore(_dir).SaveCredentials(new EnrolledCredentials { DeviceId = "sn-1", Secret = "0123456789abcdef-kept" });
        var resolved = await new AgentBootstrap(options, NullLoggerFactory.Instance, TimeProvider.System).ResolveAsync(CancellationToken.None);
        Assert.Equal(("sn-1", "0123456789abcdef-kept"), (resolved.DeviceId, resolved.Secret));
        Assert.Equal("", options.DeviceId);

        // Configured credentials of another device are not overridden by what the folder holds.
        var configured = new AgentOptions { DeviceId = "other", Secret = "configured-secret", StateDirectory = _dir, Sink = "null" };
        var used = await new AgentBootstrap(configured, NullLoggerFactory.Instance, TimeProvider.System).ResolveAsync(CancellationToken.None);
        Assert.Equal(("other", "configured-secret"), (used.DeviceId, used.Secret));

        var nothing = new AgentOptions { StateDirectory = Path.Combine(_dir, "empty"), Sink = "null" };
        await Assert.ThrowsAsync<InvalidOperationException>(() => new AgentBootstrap(nothing, NullLoggerFactory.Instance, TimeProvider.System).ResolveAsync(CancellationToken.None));
    }

    [Fact]
    public void The_host_accepts_enrollment_settings_instead_of_credentials_but_the_speaker_itself_does_not()
    {
        var enrolling = new AgentOptions { Serial = "IR-7", EnrollmentToken = "token", Sink = "null" };
        Assert.Empty(AgentOptionsValidator.Check(enrolling, allowEnrollment: true));
        Assert.NotEmpty(AgentOptionsValidator.Check(enrolling));
        Assert.Contains(AgentOptionsValidator.Check(new AgentOptions { Serial = "bad serial", EnrollmentToken = "token", Sink = "null" }, allowEnrollment: true), e => e.Contains("Agent:Serial"));
        Assert.Contains(AgentOptionsValidator.Check(new AgentOptions { Serial = "IR-7", Sink = "null" }, allowEnrollment: true), e => e.Contains("Agent:EnrollmentToken"));
        Assert.Contains(AgentOptionsValidator.Check(new AgentOptions { DeviceId = "enroll", Secret = "x", Sink = "null" }), e => e.Contains("reserved"));
    }
}
