using System.Net;
using InfoRadio.Cli.Http;

namespace InfoRadio.Cli.Tests.Client;

public sealed class ErrorHandling_Tests
{
    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, ExitCodes.NotAuthorized)]
    [InlineData(HttpStatusCode.Forbidden, ExitCodes.NotAuthorized)]
    [InlineData(HttpStatusCode.NotFound, ExitCodes.NotFound)]
    [InlineData(HttpStatusCode.BadRequest, ExitCodes.Refused)]
    [InlineData(HttpStatusCode.Conflict, ExitCodes.Refused)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ExitCodes.Refused)]
    public void Each_refusal_has_its_documented_exit_code(HttpStatusCode status, int exitCode) =>
        Assert.Equal(exitCode, ControllerClient.ExitCodeFor(status));

    [Fact]
    public void A_problem_shows_its_detail_else_its_title()
    {
        Assert.Equal("no speaker with id 'x'", ProblemDetail.FromText("""{"title":"Not found","status":404,"detail":"no speaker with id 'x'"}""", "application/problem+json"));
        Assert.Equal("Not found", ProblemDetail.FromText("""{"title":"Not found","status":404}""", "application/problem+json"));
        Assert.Equal("One or more validation errors occurred.; volume: must be 0-100",
            ProblemDetail.FromText("""{"title":"One or more validation errors occurred.","errors":{"volume":["must be 0-100"]}}""", "application/problem+json"));
        Assert.Equal("plain words", ProblemDetail.FromText(" plain words \n", "text/plain"));
        Assert.Null(ProblemDetail.FromText("<html>502</html>", "text/html"));
        Assert.Null(ProblemDetail.FromText("", null));
    }

    [Fact]
    public void The_message_says_what_to_do_about_a_refused_token() =>
        Assert.Contains("inforadio login", ControllerClient.Describe(HttpStatusCode.Unauthorized, null));
}
