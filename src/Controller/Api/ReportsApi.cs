using System.Globalization;
using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Reports;

namespace InfoRadio.Controller.Api;

/// <summary>
/// /api/reports/{kind}?from=YYYY-MM-DD&amp;to=YYYY-MM-DD[&amp;area=code][&amp;groupBy=…][&amp;format=json|csv|xlsx]: every report
/// as one table (JSON for the console's page, CSV or XLSX to download), limited to the asker's areas.
/// </summary>
public static class ReportsApi
{
    public sealed record ReportKindView(string Kind, IReadOnlyList<string> GroupBy);

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(AccountPolicies.Read);
        group.MapGet("/", () => ReportKinds.All.Select(k => new ReportKindView(k, k == ReportKinds.Airtime ? ReportKinds.AirtimeGroups : [])));
        group.MapGet("/{kind}", Get);
        return app;
    }

    private static IResult Get(HttpContext http, string kind, ReportService reports, string? from, string? to, string? area, string? groupBy, string? format)
    {
        var log = http.Log(typeof(ReportsApi));
        if (!ReportKinds.All.Contains(kind))
            return ApiProblems.Rejected(log, ApiProblems.NotFound($"no report '{kind}'; reports: {string.Join(", ", ReportKinds.All)}"), "unknown report");
        if (!TryDate(from, out var fromDay)) return ApiBody.Invalid(log, "'from' must be a date YYYY-MM-DD");
        if (!TryDate(to, out var toDay)) return ApiBody.Invalid(log, "'to' must be a date YYYY-MM-DD");
        if (format is not (null or "" or "json" or "csv" or "xlsx")) return ApiBody.Invalid(log, $"'format' must be json, csv or xlsx, not '{format}'");
        if (!string.IsNullOrEmpty(groupBy) && (kind != ReportKinds.Airtime || !ReportKinds.AirtimeGroups.Contains(groupBy)))
            return ApiBody.Invalid(log, kind == ReportKinds.Airtime
                ? $"'groupBy' must be one of {string.Join(", ", ReportKinds.AirtimeGroups)}"
                : $"the {kind} report has no 'groupBy'");
        ReportTable table;
        try
        {
            var period = reports.Period(fromDay, toDay);
            table = reports.Build(kind, period, http.User.AreaCodes(), string.IsNullOrEmpty(area) ? null : area, string.IsNullOrEmpty(groupBy) ? null : groupBy);
        }
        catch (ReportScopeException ex) when (ex.Problem == ReportScopeProblem.OutsideScope)
        {
            return ApiProblems.Rejected(log, Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                extensions: new Dictionary<string, object?> { ["reason"] = "outside-scope" }), "outside scope");
        }
        catch (ReportScopeException ex)
        {
            return ApiProblems.Rejected(log, ApiProblems.NotFound(ex.Message), "unknown area");
        }
        catch (ArgumentException ex)
        {
            return ApiBody.Invalid(log, ex.Message);
        }
        return format switch
        {
            "csv" => Results.File(ReportExport.Csv(table), ReportExport.CsvContentType, ReportExport.FileName(table, "csv")),
            "xlsx" => Results.File(ReportExport.Xlsx(table), ReportExport.XlsxContentType, ReportExport.FileName(table, "xlsx")),
            _ => Results.Ok(table),
        };
    }

    private static bool TryDate(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
