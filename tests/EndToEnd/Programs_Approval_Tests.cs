using System.Net;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using static InfoRadio.EndToEnd.Tests.Scheduling_Access_Tests;

namespace InfoRadio.EndToEnd.Tests;

/// <summary>Programs over HTTP, and the approval rule: an approver other than the author, rejections keep the reason.</summary>
public sealed class Programs_Approval_Tests : CalendarTestBase
{
    private static object Bulletin(string id, bool requiresApproval = true) => new
    {
        id, title = "Thông báo tiêm phòng", kind = "tts-bulletin", text = "Kính thưa bà con...", voice = "southern", speed = 1.1,
        durationSeconds = 90, @class = "priority", origin = "commune", preemption = "restart", requiresApproval,
    };

    [Fact]
    public async Task A_program_is_created_with_the_caller_as_author_and_read_back()
    {
        var created = await Controller.As("bc").PostAsync("/api/programs", Bulletin("tiem-phong"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var program = await Controller.As("viewer").GetJsonAsync("/api/programs/tiem-phong");
        Assert.Equal("bc", program.GetProperty("author").GetString());
        Assert.Equal("tts-bulletin", program.GetProperty("kind").GetString());
        Assert.Equal("southern", program.GetProperty("voice").GetString());
        Assert.Equal("priority", program.GetProperty("class").GetString());
        Assert.Equal("draft", program.GetProperty("approval").GetString());
        Assert.False(program.GetProperty("canAir").GetBoolean());
        Assert.Equal(90, program.GetProperty("durationSeconds").GetInt32());
        await AssertProblem(await Controller.As("bc2").PostAsync("/api/programs", Bulletin("tiem-phong")), HttpStatusCode.Conflict, "already exists");
    }

    [Fact]
    public async Task Approval_by_the_author_is_refused_and_by_another_approver_accepted()
    {
        var boss = Controller.As("boss");
        await boss.PostOkAsync("/api/programs", Bulletin("lich-cat-dien"));
        await AssertProblem(await Controller.As("ap").PostAsync("/api/programs/lich-cat-dien/approve"), HttpStatusCode.Conflict, "draft");
        await boss.PostOkAsync("/api/programs/lich-cat-dien/submit");

        var queue = await Controller.As("viewer").GetJsonAsync("/api/approvals");
        Assert.Equal(["lich-cat-dien"], queue.EnumerateArray().Select(p => p.GetProperty("id").GetString()));

        await AssertProblem(await boss.PostAsync("/api/programs/lich-cat-dien/approve"), HttpStatusCode.Forbidden, "wrote program");
        await AssertProblem(await boss.PostAsync("/api/programs/lich-cat-dien/reject", new { reason = "no" }), HttpStatusCode.Forbidden, "wrote program");
        var approved = await Controller.As("ap").PostOkAsync("/api/programs/lich-cat-dien/approve");
        Assert.Equal("approved", approved.GetProperty("approval").GetString());
        Assert.True(approved.GetProperty("canAir").GetBoolean());
        Assert.Equal(["submitted", "approved"], approved.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("ap", approved.GetProperty("history")[1].GetProperty("actor").GetString());
        Assert.Empty((await Controller.As("viewer").GetJsonAsync("/api/approvals")).EnumerateArray());
    }

    [Fact]
    public async Task A_rejection_needs_and_keeps_its_reason_and_a_revision_returns_to_draft()
    {
        await Controller.As("bc").PostOkAsync("/api/programs", Bulletin("hop-dan"));
        await Controller.As("bc").PostOkAsync("/api/programs/hop-dan/submit");
        await AssertProblem(await Controller.As("ap").PostAsync("/api/programs/hop-dan/reject", new { reason = " " }), HttpStatusCode.BadRequest, "reason");
        var rejected = await Controller.As("ap").PostOkAsync("/api/programs/hop-dan/reject", new { reason = "Sai ngày họp" });
        Assert.Equal("rejected", rejected.GetProperty("approval").GetString());
        Assert.Equal("Sai ngày họp", rejected.GetProperty("rejectionReason").GetString());

        var revised = await ApiClient.Ok(await Controller.As("bc").PutAsync("/api/programs/hop-dan", Bulletin("hop-dan")));
        Assert.Equal("draft", revised.GetProperty("approval").GetString());
        Assert.Equal("revised", revised.GetProperty("history")[2].GetProperty("action").GetString());
        await AssertProblem(await Controller.As("bc").PutAsync("/api/programs/hop-dan", Bulletin("hop-dan", requiresApproval: false)), HttpStatusCode.BadRequest, "requiresApproval");
    }

    [Theory]
    [InlineData("{\"id\":\"x1\",\"title\":\"T\",\"kind\":\"live-slot\",\"durationSeconds\":60,\"colour\":\"red\"}", "colour")]
    [InlineData("{\"id\":\"x1\",\"title\":\"T\",\"kind\":\"podcast\",\"durationSeconds\":60}", "kind")]
    [InlineData("{\"id\":\"x1\",\"title\":\"T\",\"kind\":\"live-slot\"}", "durationSeconds")]
    [InlineData("{\"id\":\"x1\",\"title\":\"T\",\"kind\":\"live-slot\",\"durationSeconds\":\"sixty\"}", "durationSeconds")]
    [InlineData("{\"id\":\"x1\",\"title\":\"T\",\"kind\":\"live-slot\",\"durationSeconds\":0}", "duration")]
    [InlineData("{\"id\":\"x1\",\"title\":\"T\",\"kind\":\"live-slot\",\"durationSeconds\":60,\"streamUrl\":\"http://a\"}", "does not apply")]
    [InlineData("{\"id\":\"x1\",\"title\":\"T\",\"kind\":\"stream-relay\",\"streamUrl\":\"ftp://vov.vn\",\"durationSeconds\":60}", "http")]
    [InlineData("{\"id\":\"x1\",\"title\":\"T\",\"kind\":\"audio-file\",\"mediaId\":\"nothing-here\"}", "no media item")]
    [InlineData("{\"id\":\"x1\",\"title\":\"T\",\"kind\":\"playlist\",\"playlistId\":\"nothing-here\"}", "no playlist")]
    [InlineData("{\"id\":\"X 1\",\"title\":\"T\",\"kind\":\"live-slot\",\"durationSeconds\":60}", "program id")]
    [InlineData("{\"id\":\"x1\",\"title\":\"\",\"kind\":\"live-slot\",\"durationSeconds\":60}", "title")]
    [InlineData("{\"id\":\"x1\",\"title\":\"T\",\"kind\":\"live-slot\",\"durationSeconds\":60,\"class\":\"urgent\"}", "class")]
    [InlineData("{\"id\":\"x1\",", "not valid")]
    [InlineData("[]", "not valid")]
    [InlineData("null", "empty")]
    public async Task Bad_program_bodies_are_400_with_the_reason_and_store_nothing(string body, string detail)
    {
        await AssertProblem(await Controller.As("bc").PostAsync("/api/programs", body), HttpStatusCode.BadRequest, detail);
        Assert.Empty((await Controller.As("bc").GetJsonAsync("/api/programs")).EnumerateArray());
    }

    [Fact]
    public async Task A_refused_body_is_counted_with_its_reason()
    {
        var counted = 0L;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "InfoRadio.Controller.Api" && instrument.Name == "inforadio.api.rejected_requests") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "reason", Value: "bad json" }) Interlocked.Add(ref counted, value);
        });
        listener.Start();
        await AssertProblem(await Controller.As("bc").PostAsync("/api/programs", "{\"id\":"), HttpStatusCode.BadRequest, "not valid");
        Assert.True(Interlocked.Read(ref counted) >= 1, "the refusal is counted under its reason");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_and_an_unknown_program_404()
    {
        await AssertProblem(await Controller.As("bc").PostRawAsync("/api/programs", "id=x", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "json");
        await AssertProblem(await Controller.As("bc").GetAsync("/api/programs/nope"), HttpStatusCode.NotFound, "nope");
        await AssertProblem(await Controller.As("ap").PostAsync("/api/programs/nope/approve"), HttpStatusCode.NotFound, "nope");
    }

    [Fact]
    public async Task A_relay_and_a_live_slot_take_their_reserved_duration_and_delete_when_unscheduled()
    {
        var relay = await Controller.As("admin").PostOkAsync("/api/programs", new
        {
            id = "vov1", title = "Tiếp sóng VOV1", kind = "stream-relay", streamUrl = "https://vov.example/vov1.m3u8", durationSeconds = 1800, origin = "central",
        });
        Assert.Equal(1800, relay.GetProperty("durationSeconds").GetInt32());
        Assert.Equal("central", relay.GetProperty("origin").GetString());
        Assert.True(relay.GetProperty("canAir").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await Controller.As("bc").DeleteAsync("/api/programs/vov1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Controller.As("bc").DeleteAsync("/api/programs/vov1")).StatusCode);
    }
}
