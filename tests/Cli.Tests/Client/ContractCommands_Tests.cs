using System.Net;
using System.Text.Json;
using InfoRadio.Cli.Config;
using InfoRadio.Cli.Tests.Infrastructure;

namespace InfoRadio.Cli.Tests.Client;

/// <summary>
/// The commands whose endpoints other parts of issue 6 build (enrollment, import/export, rotation, revocation),
/// against a fake controller: the request each sends (method, path, auth, body) and how each answer is shown.
/// </summary>
public sealed class ContractCommands_Tests : IDisposable
{
    private const string Token = "tech-token-0123456789abcdef";
    private readonly string _dir = Directory.CreateTempSubdirectory("inforadio-cli-fake-").FullName;
    private readonly FakeController _fake = new();
    private readonly CliRun _cli;

    public ContractCommands_Tests()
    {
        _cli = new CliRun(_dir, () => _fake);
        _cli.Config.Save(new CliConfig("http://controller.test:8080", Token));
    }

    [Fact]
    public async Task Pending_lists_enrollments_in_state_pending()
    {
        _fake.Json(HttpStatusCode.OK, """
            [{"serial":"SN-0001","state":"pending","firstSeenAt":"2026-12-01T01:00:00Z","lastSeenAt":"2026-12-01T01:05:00Z","firmware":"1.0",
              "imei":"356938035643809","keyFingerprint":"ab:cd","deviceId":null,"preRegistered":true,"name":"Loa đình","village":"26734","zones":["cho"],"latitude":null,"longitude":null}]
            """);
        var result = await _cli.RunAsync("devices", "pending");
        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal((HttpMethod.Get, "/api/enrollments?state=pending", "Bearer " + Token), (request.Method, request.PathAndQuery, request.Authorization));
        Assert.StartsWith("SERIAL   STATE    FIRST SEEN                  LAST SEEN                   FIRMWARE  PRE-REG  NAME      VILLAGE  ZONES  DEVICE\n", result.Out);
        Assert.Contains("SN-0001  pending  2026-12-01 01:00:00 +00:00  2026-12-01 01:05:00 +00:00  1.0       yes      Loa đình  26734    cho    -", result.Out);

        _fake.Json(HttpStatusCode.OK, "[]");
        var json = await _cli.RunAsync("devices", "pending", "--json");
        Assert.Equal("[]\n", json.Out);
    }

    [Fact]
    public async Task Approve_sends_only_the_placement_given()
    {
        _fake.Json(HttpStatusCode.OK, """{"serial":"SN 7/a","state":"approved","deviceId":"loa-07"}""");
        var result = await _cli.RunAsync("devices", "approve", "SN 7/a", "--name", "Loa chợ", "--zone", "cho", "--zone", "all-village");
        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/enrollments/SN%207%2Fa/approve", request.PathAndQuery); // the serial stays one path segment
        Assert.Equal("application/json", request.ContentType);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(["name", "zones"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Loa chợ", body.GetProperty("name").GetString());
        Assert.Equal(["cho", "all-village"], body.GetProperty("zones").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal("Approved SN 7/a: it is device loa-07 and gets its own credentials when it next asks.\n", result.Out);
    }

    [Fact]
    public async Task Approve_with_no_options_sends_an_empty_object_and_reject_sends_the_reason()
    {
        _fake.Json(HttpStatusCode.OK, """{"serial":"SN1","state":"approved","deviceId":"sn1"}""")
             .Json(HttpStatusCode.OK, """{"serial":"SN2","state":"rejected"}""");
        Assert.Equal(0, (await _cli.RunAsync("devices", "approve", "SN1", "--id", "loa-1", "--village", "26734")).ExitCode);
        var reject = await _cli.RunAsync("devices", "reject", "SN2", "--reason", "không rõ nguồn gốc");
        Assert.Equal(0, reject.ExitCode);
        Assert.Equal("""{"id":"loa-1","village":"26734"}""", _fake.Requests[0].Body);
        Assert.Equal("/api/enrollments/SN2/reject", _fake.Requests[1].PathAndQuery);
        Assert.Equal("không rõ nguồn gốc", JsonDocument.Parse(_fake.Requests[1].Body).RootElement.GetProperty("reason").GetString());
        Assert.Equal("Rejected SN2.\n", reject.Out);
    }

    [Fact]
    public async Task Approving_an_unknown_serial_exits_3_with_the_problem_detail()
    {
        _fake.Problem(HttpStatusCode.NotFound, "no enrollment with serial 'SN9'");
        var result = await _cli.RunAsync("devices", "approve", "SN9");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Equal("error: POST api/enrollments/SN9/approve: 404 not found: no enrollment with serial 'SN9'\n", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Import_sends_the_CSV_in_chunks_with_the_header_and_reports_errors_by_file_line()
    {
        var csv = Path.Combine(_dir, "devices.csv");
        await File.WriteAllTextAsync(csv, "serial,name,village,latitude,longitude,zones\n" +
            string.Join("\n", Enumerable.Range(1, 5).Select(i => $"SN{i},Loa {i},26734,10.{i},106.{i},cho")) + "\n");
        _fake.Json(HttpStatusCode.OK, """{"created":2,"updated":0,"errors":[]}""")
             .Json(HttpStatusCode.OK, """{"created":1,"updated":0,"errors":[{"line":3,"message":"village '99999' is not known"}]}""")
             .Json(HttpStatusCode.OK, """{"created":0,"updated":1,"errors":[]}""");
        var result = await _cli.RunAsync("devices", "import", csv, "--chunk", "2");

        Assert.Equal(ExitCodes.Refused, result.ExitCode); // a line was refused
        Assert.Equal(3, _fake.Requests.Count);
        Assert.All(_fake.Requests, r => Assert.Equal((HttpMethod.Post, "/api/devices/import", "text/csv"), (r.Method, r.PathAndQuery, r.ContentType)));
        Assert.Equal("serial,name,village,latitude,longitude,zones\nSN3,Loa 3,26734,10.3,106.3,cho\nSN4,Loa 4,26734,10.4,106.4,cho\n", _fake.Requests[1].Body);
        Assert.Equal(
            "[2/5 records] lines 2–3: 2 created, 0 updated, 0 error(s)\n" +
            "[4/5 records] lines 4–5: 1 created, 0 updated, 1 error(s)\n" +
            "[5/5 records] lines 6–6: 0 created, 1 updated, 0 error(s)\n", result.Error);
        Assert.Equal("Imported: 3 created, 1 updated, 1 error(s).\nLINE  ERROR\n5     village '99999' is not known\n", result.Out);
    }

    [Fact]
    public async Task Import_reads_stdin_and_prints_totals_as_json()
    {
        _cli.Stdin = "serial,name,village,latitude,longitude,zones\nSN1,Loa,26734,,,\n";
        _fake.Json(HttpStatusCode.OK, """{"created":1,"updated":0,"errors":[]}""");
        var result = await _cli.RunAsync("devices", "import", "-", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(result.Out).RootElement.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task Import_stops_at_a_refused_chunk_and_says_what_was_imported()
    {
        var csv = Path.Combine(_dir, "devices.csv");
        await File.WriteAllTextAsync(csv, "serial,name,village,latitude,longitude,zones\nSN1,a,1,,,\nSN2,b,1,,,\nSN3,c,1,,,\n");
        _fake.Json(HttpStatusCode.OK, """{"created":1,"updated":0,"errors":[]}""")
             .Problem(HttpStatusCode.BadRequest, "the CSV's first line must be the header");
        var result = await _cli.RunAsync("devices", "import", csv, "--chunk", "1");
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Equal(2, _fake.Requests.Count);
        Assert.EndsWith("400 bad request: the CSV's first line must be the header (lines 3–3; lines before 3 were imported)\n", result.Error);
    }

    [Fact]
    public async Task Export_writes_the_CSV_to_stdout_or_a_file()
    {
        const string csv = "serial,name,village,latitude,longitude,zones,id,online,firmware,lastSeen\nSN1,Loa chợ,26734,,,cho,loa-1,true,1.0,\n";
        _fake.Text(HttpStatusCode.OK, csv, "text/csv").Text(HttpStatusCode.OK, csv, "text/csv");
        var stdout = await _cli.RunAsync("devices", "export");
        Assert.Equal((0, csv), (stdout.ExitCode, stdout.Out));
        var file = Path.Combine(_dir, "out.csv");
        var toFile = await _cli.RunAsync("devices", "export", "-o", file);
        Assert.Equal((0, ""), (toFile.ExitCode, toFile.Out));
        Assert.Equal(csv, await File.ReadAllTextAsync(file));
        Assert.Contains("Exported 1 row(s)", toFile.Error);
        Assert.All(_fake.Requests, r => Assert.Equal((HttpMethod.Get, "/api/devices/export"), (r.Method, r.PathAndQuery)));
    }

    [Fact]
    public async Task Rotate_secret_shows_the_secret_only_when_it_could_not_be_delivered()
    {
        _fake.Json(HttpStatusCode.OK, """{"id":"loa-01","delivered":true}""")
             .Json(HttpStatusCode.OK, """{"id":"loa-02","delivered":false,"secret":"Zx9-once-only"}""");
        var online = await _cli.RunAsync("devices", "rotate-secret", "loa-01");
        var offline = await _cli.RunAsync("devices", "rotate-secret", "loa-02");
        Assert.Equal((0, 0), (online.ExitCode, offline.ExitCode));
        Assert.Equal(("/api/devices/loa-01/rotate-secret", HttpMethod.Post), (_fake.Requests[0].PathAndQuery, _fake.Requests[0].Method));
        Assert.DoesNotContain("Zx9", online.Out);
        Assert.EndsWith("\nZx9-once-only\n", offline.Out);
    }

    [Fact]
    public async Task Revoke_posts_the_reason_and_confirms()
    {
        _fake.Json(HttpStatusCode.OK, """{"id":"loa-01","name":"Loa","online":false,"zones":[]}""")
             .Problem(HttpStatusCode.Forbidden, "technicians and admins only");
        var result = await _cli.RunAsync("devices", "revoke", "loa-01", "--reason", "stolen");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(("/api/devices/loa-01/revoke", """{"reason":"stolen"}"""), (_fake.Requests[0].PathAndQuery, _fake.Requests[0].Body));
        Assert.Equal("Revoked loa-01: disconnected, and its secret will never be accepted again.\n", result.Out);

        var forbidden = await _cli.RunAsync("devices", "revoke", "loa-01", "--json");
        Assert.Equal(ExitCodes.NotAuthorized, forbidden.ExitCode);
        Assert.Contains("forbidden (403): this account may not do that (technicians and admins only)", forbidden.Error);
    }

    [Fact]
    public async Task Commands_without_a_sign_in_exit_2_without_sending_anything()
    {
        _cli.Config.Delete();
        var result = await _cli.RunAsync("devices", "revoke", "loa-01");
        Assert.Equal(ExitCodes.NotAuthorized, result.ExitCode);
        Assert.Contains("not signed in", result.Error);
        Assert.Empty(_fake.Requests);
    }

    [Theory]
    [InlineData("devices", "frobnicate")]
    [InlineData("devices", "set-volume", "loa-01")]
    [InlineData("devices", "set-volume", "loa-01", "--volume", "101")]
    [InlineData("devices", "reboot")]
    [InlineData("devices", "import", "a.csv", "--chunk", "0")]
    [InlineData("zones", "create", "cho")]
    public async Task Usage_errors_exit_1_without_sending_anything(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.NotEqual("", result.Error);
        Assert.Empty(_fake.Requests);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
