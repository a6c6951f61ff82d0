using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;

namespace InfoRadio.Controller.Api;

/// <summary>
/// Runs a handler and turns the catalog's refusals into problems: <see cref="SchedulingException"/> (the request
/// cannot be carried out as asked) into 400, <see cref="CatalogConflictException"/> (duplicate, in use) into 409,
/// each counted and logged.
/// </summary>
public static class ApiGuard
{
    public static IResult Run(ILogger log, Func<IResult> handler)
    {
        try
        {
            return handler();
        }
        catch (SchedulingException e)
        {
            return ApiBody.Invalid(log, e.Message);
        }
        catch (CatalogConflictException e)
        {
            return ApiProblems.Rejected(log, ApiProblems.Conflict(e.Message), "conflict");
        }
    }

    /// <summary>Reads a strict JSON body, then runs <paramref name="handler"/> on it under <see cref="Run"/>.</summary>
    public static async Task<IResult> WithBodyAsync<T>(HttpRequest request, ILogger log, Func<T, IResult> handler) where T : class
    {
        var (body, problem) = await ApiBody.ReadAsync<T>(request, log, request.HttpContext.RequestAborted);
        return problem ?? Run(log, () => handler(body!));
    }

    public static ILogger Log(this HttpContext context, Type api) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(api);
}
