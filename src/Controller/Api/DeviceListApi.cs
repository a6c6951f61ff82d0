using System.Text;
using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Enrollment;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Api;

/// <summary>
/// POST /api/devices/import (a CSV list of serials and where they will stand), GET /api/devices/export (the same
/// columns plus the live state) and POST /api/devices/{id}/rotate-secret.
/// </summary>
public static class DeviceListApi
{
    public const long MaxCsvBytes = 8 * 1024 * 1024;

    public sealed record ImportResult(int Created, int Updated, IReadOnlyList<DeviceListCsv.LineError> Errors);

    public static IEndpointRouteBuilder MapDeviceListApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/devices/import", ImportAsync).WithTags("Devices").RequireAuthorization(AccountPolicies.Install);
        app.MapGet("/api/devices/export", (HttpContext http, EnrollmentService enrollments, DeviceRegistry registry) =>
        {
            http.Audit("device.export", "devices", true);
            var scope = http.Scope();
            return Results.Text(DeviceListCsv.Export(enrollments.List().Where(e => scope.CoversVillage(e.Village)).ToArray(), registry.List().Where(scope.Sees).ToArray()),
                "text/csv; charset=utf-8", Encoding.UTF8);
        }).WithTags("Devices").RequireAuthorization(AccountPolicies.Read);
        app.MapPost("/api/devices/{id}/rotate-secret", async (string id, HttpContext http, SecretRotation rotation) =>
        {
            try
            {
                var result = await rotation.RotateAsync(id, http.RequestAborted);
                http.Audit("device.rotate-secret", id, true, result.Delivered ? "sent to the device" : "device offline: shown once");
                return Results.Ok(new { id = result.Id, delivered = result.Delivered, secret = result.Secret });
            }
            catch (DeviceRegistrationException ex) when (ex.Error == DeviceRegistrationError.NotFound)
            {
                http.Audit("device.rotate-secret", id, false, ex.Message);
                return ApiProblems.NotFound($"no speaker with id '{id}'");
            }
        }).WithTags("Devices").RequireAuthorization(AccountPolicies.Install).DeviceHiddenOutsideScope();
        return app;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, EnrollmentService enrollments, TargetDirectory directory)
    {
        var log = http.Log(typeof(DeviceListApi));
        var type = http.Request.ContentType ?? "";
        if (!type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            http.Audit("device.import", "devices", false, "not text/csv");
            return ApiProblems.Rejected(log, ApiProblems.Unsupported($"send the list as text/csv with the header {string.Join(",", DeviceListCsv.ImportColumns)}"), "not csv");
        }
        if (http.Request.ContentLength > MaxCsvBytes)
        {
            http.Audit("device.import", "devices", false, "too large");
            return ApiProblems.Rejected(log, ApiProblems.TooLarge($"lists are limited to {MaxCsvBytes} bytes"), "csv too large");
        }
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxCsvBytes)
            {
                http.Audit("device.import", "devices", false, "too large");
                return ApiProblems.Rejected(log, ApiProblems.TooLarge($"lists are limited to {MaxCsvBytes} bytes"), "csv too large");
            }
            buffer.Write(chunk, 0, read);
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            http.Audit("device.import", "devices", false, "not UTF-8");
            return ApiBody.Invalid(log, "the list is not UTF-8 text");
        }
        var (rows, errors) = DeviceListCsv.Parse(text, directory, http.Scope());
        try
        {
            var (created, updated) = enrollments.PreRegister(rows);
            http.Audit("device.import", "devices", true, $"{created} created, {updated} updated, {errors.Count} lines refused");
            return Results.Ok(new ImportResult(created, updated, errors));
        }
        catch (EnrollmentException ex)
        {
            http.Audit("device.import", "devices", false, ex.Message);
            return EnrollmentsApi.Problem(log, ex);
        }
    }
}
