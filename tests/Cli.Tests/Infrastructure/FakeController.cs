using System.Net;
using System.Text;

namespace InfoRadio.Cli.Tests.Infrastructure;

/// <summary>One request the CLI sent, with its body read.</summary>
public sealed record SentRequest(HttpMethod Method, string PathAndQuery, string? Authorization, string? ContentType, string Body);

/// <summary>
/// An HttpMessageHandler that records every request and answers from a queue of canned responses, for the parts of
/// the API other modules build (enrollment, import/export, rotation, revocation): it checks the CLI's request shape
/// and how it handles the documented answers.
/// </summary>
public sealed class FakeController : HttpMessageHandler
{
    private readonly Queue<Func<SentRequest, HttpResponseMessage>> _answers = new();

    public List<SentRequest> Requests { get; } = [];

    public FakeController Json(HttpStatusCode status, string json) => Answer(_ => Response(status, json, "application/json"));

    public FakeController Problem(HttpStatusCode status, string detail) =>
        Answer(_ => Response(status, $$"""{"type":"about:blank","title":"x","status":{{(int)status}},"detail":"{{detail}}"}""", "application/problem+json"));

    public FakeController Text(HttpStatusCode status, string text, string mediaType) => Answer(_ => Response(status, text, mediaType));

    public FakeController Answer(Func<SentRequest, HttpResponseMessage> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var sent = new SentRequest(request.Method, request.RequestUri!.PathAndQuery, request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType, body);
        Requests.Add(sent);
        if (_answers.Count == 0) throw new InvalidOperationException($"unexpected request {sent.Method} {sent.PathAndQuery}");
        var response = _answers.Dequeue()(sent);
        response.RequestMessage = request;
        return response;
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string text, string mediaType) =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) };
}
