using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Enrollment;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/enrollments: boxes that asked to join (over MQTT, see the protocol's enrollment section), and the
/// technician's decision. Listing needs a signed-in user; approving and rejecting a technician or admin (audited).
/// </summary>
public static class EnrollmentsApi
{
    public sealed record ApproveBody(string? Id = null, string? Name = null, string? Village = null, string[]? Zones = null);

    public sealed record RejectBody(string? Reason = null);

    public static IEndpointRouteBuilder MapEnrollmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/enrollments").WithTags("Enrollment");
        group.MapGet("/", (string? state, HttpContext http, EnrollmentService enrollments) =>
        {
            if (state is null) return Results.Ok(enrollments.List().Where(e => Sees(http, e)));
            return EnrollmentStore.ParseState(state) is { } wanted
                ? Results.Ok(enrollments.List(wanted).Where(e => Sees(http, e)))
                : ApiBody.Invalid(http.Log(typeof(EnrollmentsApi)), $"state must be pending, approved, rejected or preregistered, not '{state}'");
        }).RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/{serial}", (string serial, EnrollmentService enrollments) =>
            enrollments.Find(serial) is { } view ? Results.Ok(view) : ApiProblems.NotFound($"no enrollment for serial '{serial}'"))
            .RequireAuthorization(AccountPolicies.Read).HiddenOutsideScope("enrollment for serial", SeesSerial, "serial");
        group.MapPost("/{serial}/approve", ApproveAsync).RequireAuthorization(AccountPolicies.Install).HiddenOutsideScope("enrollment for serial", SeesSerial, "serial");
        group.MapPost("/{serial}/reject", RejectAsync).RequireAuthorization(AccountPolicies.Install).HiddenOutsideScope("enrollment for serial", SeesSerial, "serial");
        return app;
    }

    private static async Task<IResult> ApproveAsync(string serial, HttpContext http, EnrollmentService enrollments, EnrollmentGateway gateway)
    {
        var log = http.Log(typeof(EnrollmentsApi));
        var body = new ApproveBody();
        if (HasBody(http.Request))
        {
            var (read, problem) = await ApiBody.ReadAsync<ApproveBody>(http.Request, log, http.RequestAborted);
            if (problem is not null)
            {
                http.Audit("device.approve", serial, false, "unreadable body");
                return problem;
            }
            body = read!;
        }
        var village = string.IsNullOrWhiteSpace(body.Village) ? null : body.Village.Trim();
        if (!http.Scope().CoversVillage(village))
        {
            http.Audit("device.approve", serial, false, $"village {village ?? "-"} is outside the user's areas");
            throw new Targets.OutsideScopeException([village is null ? "no village (a speaker you approve must stand in one of your villages)" : $"village {village}"], http.Scope());
        }
        try
        {
            var (view, response) = enrollments.Approve(serial, new ApprovalChoice(body.Id, body.Name, village, body.Zones), http.User.UserName());
            var sent = await gateway.SendAsync(response, http.RequestAborted);
            http.Audit("device.approve", view.Serial, true,
                $"device {view.DeviceId}, key {view.KeyFingerprint}, village {view.Village ?? "-"}, zones {string.Join(";", view.Zones)}{(sent ? "" : ", box not reached yet")}");
            return Results.Ok(view);
        }
        catch (EnrollmentException ex)
        {
            http.Audit("device.approve", serial, false, ex.Message);
            return Problem(log, ex);
        }
    }

    private static async Task<IResult> RejectAsync(string serial, HttpContext http, EnrollmentService enrollments, EnrollmentGateway gateway)
    {
        var log = http.Log(typeof(EnrollmentsApi));
        var body = new RejectBody();
        if (HasBody(http.Request))
        {
            var (read, problem) = await ApiBody.ReadAsync<RejectBody>(http.Request, log, http.RequestAborted);
            if (problem is not null)
            {
                http.Audit("device.reject", serial, false, "unreadable body");
                return problem;
            }
            body = read!;
        }
        try
        {
            var (view, response) = enrollments.Reject(serial, body.Reason, http.User.UserName());
            if (response is not null) await gateway.SendAsync(response, http.RequestAborted);
            http.Audit("device.reject", view.Serial, true, view.Reason);
            return Results.Ok(view);
        }
        catch (EnrollmentException ex)
        {
            http.Audit("device.reject", serial, false, ex.Message);
            return Problem(log, ex);
        }
    }

    /// <summary>
    /// A box waiting for approval is seen by every technician (it stands nowhere yet); one approved, pre-registered or
    /// rejected into a village by those whose areas hold that village.
    /// </summary>
    private static bool Sees(HttpContext http, EnrollmentView e) =>
        http.Scope().CoversVillage(e.Village) || (e.State == "pending" && e.Village is null);

    private static bool SeesSerial(HttpContext http, string serial) =>
        http.RequestServices.GetRequiredService<EnrollmentService>().Find(serial) is not { } e || Sees(http, e);

    internal static bool HasBody(HttpRequest request) => request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0;

    internal static IResult Problem(ILogger log, EnrollmentException ex) => ex.Error switch
    {
        EnrollmentError.NotFound => ApiProblems.Rejected(log, ApiProblems.NotFound(ex.Message), "not found"),
        EnrollmentError.Conflict => ApiProblems.Rejected(log, ApiProblems.Conflict(ex.Message), "conflict"),
        _ => ApiBody.Invalid(log, ex.Message),
    };
}
