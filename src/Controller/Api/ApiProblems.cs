namespace InfoRadio.Controller.Api;

/// <summary>RFC 9457 problem responses whose detail says plainly what was wrong with the request.</summary>
public static partial class ApiProblems
{
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);
    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);
    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);
    public static IResult TooLarge(string detail) => Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", detail);
    public static IResult Unavailable(string detail) => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);
    public static IResult Unsupported(string detail) => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail);

    /// <summary>Counts and logs a refused request, then answers it with <paramref name="result"/>.</summary>
    internal static IResult Rejected(ILogger log, IResult result, string why)
    {
        ApiCounters.RejectedRequests.Add(1, new KeyValuePair<string, object?>("reason", why));
        LogRejected(log, why);
        return result;
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Request rejected: {Why}")]
    private static partial void LogRejected(ILogger logger, string why);
}
