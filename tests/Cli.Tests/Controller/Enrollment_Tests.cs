using System.Text.Json;
using InfoRadio.Cli.Tests.Infrastructure;
using InfoRadio.Controller.Devices;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace InfoRadio.Cli.Tests.Controller;

/// <summary>
/// The enrollment commands (pending, approve, reject, enrollments, rotate-secret) through the real CLI against a real
/// controller and real agents that boot with only a serial and the enrollment token.
/// </summary>
public sealed class Enrollment_Tests(EnrollmentFixture fixture) : IClassFixture<EnrollmentFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Polls a CLI command until its output satisfies <paramref name="condition"/>; returns that output.</summary>
    private static async Task<CliResult> UntilAsync(CliRun cli, Func<CliResult, bool> condition, string what, params string[] args)
    {
        CliResult last = null!;
        await Eventually.TrueAsync(async () => condition(last = await cli.RunAsync(args)), Patience, what);
        return last;
    }

    private static bool Lists(CliResult result, string serial, string state) =>
        result.ExitCode == 0 && JsonDocument.Parse(result.Out).RootElement.EnumerateArray()
            .Any(e => e.GetProperty("serial").GetString() == serial && e.GetProperty("state").GetString() == state);

    private static bool Online(CliResult show) =>
        show.ExitCode == 0 && System.Text.RegularExpressions.Regex.IsMatch(show.Out, @"(?m)^Online:\s+yes$");

    private async Task<CliResult> ShowAsync(CliRun cli, string id) => await cli.RunAsync("devices", "show", id);

    [Fact]
    public async Task A_new_box_shows_as_pending_and_once_approved_gets_credentials_and_comes_online()
    {
        var cli = await fixture.CliAsync();
        await using var box = fixture.Box("IR-CLI-0001");
        await UntilAsync(cli, r => Lists(r, "ir-cli-0001", "pending"), "the box listed as pending", "devices", "pending", "--json");

        var table = await cli.RunAsync("devices", "pending");
        Assert.True(table.ExitCode == 0, table.ToString());
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("SERIAL       STATE    FIRST SEEN", lines[0]);
        var row = Assert.Single(lines, l => l.StartsWith("ir-cli-0001 ", StringComparison.Ordinal));
        Assert.Matches(@"^ir-cli-0001\s+pending\s+\d{4}-\d\d-\d\d \d\d:\d\d", row);
        Assert.Contains(box.Options.Firmware!, row);
        Assert.Null(box.Agent);

        // A wrong zone is refused (exit 4) and nothing is registered; the serial is typed as printed on the box.
        var wrong = await cli.RunAsync("devices", "approve", "IR-CLI-0001", "--village", "0898001", "--zones", "ghost");
        Assert.Equal(ExitCodes.Refused, wrong.ExitCode);
        Assert.Contains("ghost", wrong.Error);
        Assert.Equal(ExitCodes.NotFound, (await ShowAsync(cli, "ir-cli-0001")).ExitCode);

        var approve = await cli.RunAsync("devices", "approve", "IR-CLI-0001", "--village", "0898001", "--zones", "cho", "--name", "Loa cổng chợ");
        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Equal("Approved ir-cli-0001: it is device ir-cli-0001 and gets its own credentials when it next asks.\n", approve.Out);

        await Eventually.TrueAsync(() => Task.FromResult(box.IsConnectedAsDevice), Patience, "the box connected with its own credentials");
        var show = await UntilAsync(cli, r => r.ExitCode == 0 && Online(r),
            "the CLI shows the device online", "devices", "show", "ir-cli-0001");
        Assert.Matches(@"(?m)^Name:\s+Loa cổng chợ$", show.Out);
        Assert.Matches(@"(?m)^Village:\s+0898001$", show.Out);
        Assert.Matches(@"(?m)^Zones:\s+cho$", show.Out);
        Assert.DoesNotContain("ir-cli-0001", (await cli.RunAsync("devices", "pending")).Out);
        var approved = await cli.RunAsync("devices", "enrollments", "--state", "approved", "--json");
        Assert.True(Lists(approved, "ir-cli-0001", "approved"), approved.ToString());

        await AssertAuditedAsync("device.approve", "ir-cli-0001");

        // Approving twice is a conflict: exit 4 with the controller's reason.
        var again = await cli.RunAsync("devices", "approve", "ir-cli-0001");
        Assert.Equal(ExitCodes.Refused, again.ExitCode);
        Assert.Contains("409", again.Error);
    }

    [Fact]
    public async Task Reject_refuses_a_pending_box_which_is_told_so_and_never_becomes_a_device()
    {
        var cli = await fixture.CliAsync();
        await using var box = fixture.Box("IR-CLI-0301");
        await UntilAsync(cli, r => Lists(r, "ir-cli-0301", "pending"), "the box listed as pending", "devices", "pending", "--json");

        var viewer = await fixture.CliAsync("viewer");
        Assert.Equal(ExitCodes.NotAuthorized, (await viewer.RunAsync("devices", "reject", "ir-cli-0301")).ExitCode);

        var reject = await cli.RunAsync("devices", "reject", "ir-cli-0301", "--reason", "not one of ours");
        Assert.True(reject.ExitCode == 0, reject.ToString());
        Assert.Equal("Rejected ir-cli-0301.\n", reject.Out);
        await Eventually.TrueAsync(() => Task.FromResult(box.Bootstrap.Enrollment!.LastStatus == EnrollmentStatus.Rejected), Patience, "the box was told");
        Assert.DoesNotContain("ir-cli-0301", (await cli.RunAsync("devices", "pending")).Out);
        var rejected = await cli.RunAsync("devices", "enrollments", "--state", "rejected", "--json");
        var entry = JsonDocument.Parse(rejected.Out).RootElement.EnumerateArray().Single(e => e.GetProperty("serial").GetString() == "ir-cli-0301");
        Assert.Equal("not one of ours", entry.GetProperty("reason").GetString());
        Assert.Null(box.Agent);
        Assert.Equal(ExitCodes.NotFound, (await ShowAsync(cli, "ir-cli-0301")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("devices", "reject", "no-such-serial")).ExitCode);
        await AssertAuditedAsync("device.reject", "ir-cli-0301");
    }

    [Fact]
    public async Task Rotating_an_online_devices_secret_delivers_it_and_the_agent_reconnects_with_it()
    {
        var cli = await fixture.CliAsync();
        await using var box = fixture.Box("IR-CLI-0201");
        await UntilAsync(cli, r => Lists(r, "ir-cli-0201", "pending"), "pending", "devices", "pending", "--json");
        Assert.Equal(0, (await cli.RunAsync("devices", "approve", "ir-cli-0201")).ExitCode);
        await Eventually.TrueAsync(() => Task.FromResult(box.IsConnectedAsDevice), Patience, "connected as the device");
        await UntilAsync(cli, r => Online(r), "online", "devices", "show", "ir-cli-0201");
        var credentials = Path.Combine(box.StateDirectory, "credentials.json");
        var oldSecret = SecretIn(credentials);
        var connects = box.Agent!.Status.Connects;

        var rotate = await cli.RunAsync("devices", "rotate-secret", "ir-cli-0201");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        Assert.Equal("New secret for ir-cli-0201 delivered to the device over its command topic; the old one stops working once it reconnects with it.\n", rotate.Out);

        await Eventually.TrueAsync(() => Task.FromResult(box.Agent.Status.Connects > connects && box.IsConnectedAsDevice), Patience,
            "the agent reconnected with its new secret");
        await UntilAsync(cli, r => Online(r), "online again", "devices", "show", "ir-cli-0201");
        var newSecret = SecretIn(credentials);
        Assert.NotEqual(oldSecret, newSecret);
        var registry = fixture.Controller.Services.GetRequiredService<DeviceRegistry>();
        Assert.True(registry.VerifySecret("ir-cli-0201", newSecret));
        Assert.False(registry.VerifySecret("ir-cli-0201", oldSecret));
        await AssertAuditedAsync("device.rotate-secret", "ir-cli-0201");
    }

    [Fact]
    public async Task Rotating_an_offline_devices_secret_prints_it_once()
    {
        var cli = await fixture.CliAsync();
        var rotate = await cli.RunAsync("devices", "rotate-secret", "loa-off");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        var lines = rotate.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("loa-off is offline: configure this new secret on the device by hand (shown once, not stored):", lines[0]);
        var registry = fixture.Controller.Services.GetRequiredService<DeviceRegistry>();
        Assert.True(registry.VerifySecret("loa-off", Assert.Single(lines[1..])));

        var json = await cli.RunAsync("devices", "rotate-secret", "loa-off", "--json");
        var answer = JsonDocument.Parse(json.Out).RootElement;
        Assert.False(answer.GetProperty("delivered").GetBoolean());
        var secret = answer.GetProperty("secret").GetString()!;
        Assert.True(registry.VerifySecret("loa-off", secret));
        Assert.False(registry.VerifySecret("loa-off", lines[1]), "the previous secret stopped working");

        var missing = await cli.RunAsync("devices", "rotate-secret", "nobody");
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.Equal(ExitCodes.NotAuthorized, (await (await fixture.CliAsync("viewer")).RunAsync("devices", "rotate-secret", "loa-off")).ExitCode);
    }

    /// <summary>The CLI's action is in the audit trail under the technician who ran it.</summary>
    [Fact]
    public async Task Revoke_cuts_an_online_device_off_at_once_and_it_cannot_come_back()
    {
        var cli = await fixture.CliAsync();
        await using var box = fixture.Box("IR-CLI-0009");
        await UntilAsync(cli, r => Lists(r, "ir-cli-0009", "pending"), "the box listed as pending", "devices", "pending", "--json");
        var approve = await cli.RunAsync("devices", "approve", "IR-CLI-0009", "--village", "0898001", "--zones", "cho");
        Assert.True(approve.ExitCode == 0, approve.ToString());
        await UntilAsync(cli, Online, "the device online", "devices", "show", "ir-cli-0009");

        // Refused to a viewer and for an unknown id, with their exit codes.
        Assert.Equal(ExitCodes.NotAuthorized, (await (await fixture.CliAsync("viewer")).RunAsync("devices", "revoke", "ir-cli-0009")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("devices", "revoke", "no-such-box")).ExitCode);

        var revoke = await cli.RunAsync("devices", "revoke", "ir-cli-0009", "--reason", "stolen from the pole");
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal("Revoked ir-cli-0009: disconnected, and its secret will never be accepted again.\n", revoke.Out);

        // Off at once, and its own reconnect attempts are refused whatever they present.
        await UntilAsync(cli, r => r.ExitCode == 0 && !Online(r), "the device offline", "devices", "show", "ir-cli-0009");
        var refusals = box.Agent!.Status.ConnectRefusals;
        await Eventually.TrueAsync(() => Task.FromResult(box.Agent!.Status.ConnectRefusals > refusals), Patience, "a reconnect was refused");
        Assert.False(box.IsConnectedAsDevice);
        var json = await cli.RunAsync("devices", "show", "ir-cli-0009", "--json");
        Assert.True(JsonDocument.Parse(json.Out).RootElement.GetProperty("revoked").GetBoolean(), json.Out);
        await AssertAuditedAsync("device.revoke", "ir-cli-0009");
    }

    private async Task AssertAuditedAsync(string action, string target)
    {
        var audit = await fixture.Controller.As("admin").GetJsonAsync($"/api/audit?action={action}&target={target}");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("actor").GetString() == "tech" && a.GetProperty("succeeded").GetBoolean());
    }

    private static string SecretIn(string credentials) =>
        JsonDocument.Parse(File.ReadAllText(credentials)).RootElement.GetProperty("secret").GetString()!;
}
