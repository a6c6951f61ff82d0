namespace InfoRadio.Controller.Api;

/// <summary>RFC 9457 problem responses whose detail says plainly what was wrong with the request.</summary>
public static class ApiProblems
{
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);
    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);
    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);
    public static IResult TooLarge(string detail) => Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", detail);
    public static IResult Unsupported(string detail) => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail);

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);
}
