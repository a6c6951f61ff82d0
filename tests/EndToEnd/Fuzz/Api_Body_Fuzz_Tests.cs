using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InfoRadio.EndToEnd.Tests.Infrastructure;
using InfoRadio.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InfoRadio.EndToEnd.Tests.Fuzz;

/// <summary>
/// Every endpoint of the running controller that takes a body (found from its own route table, so a new endpoint is
/// covered without editing this test) gets broken bodies — empty, cut, wrongly typed, nested too deep, binary, huge,
/// mutated — signed in as a user allowed to call it: each answer is a refusal (4xx) or a success, never a server
/// error, and the controller stays healthy.
/// </summary>
public sealed class Api_Body_Fuzz_Tests(ITestOutputHelper output)
{
    private const int Seed = 20_261_203;

    /// <summary>Tried in order until one is allowed (the approval and CAP routes need other roles than admin's).</summary>
    private static readonly string[] Users = ["admin", "boss", "ap", "tech"];

    [Fact]
    public async Task Broken_bodies_to_every_endpoint_that_takes_one_are_refused_never_a_server_error()
    {
        using var temp = new TempDirectory();
        await using var controller = await CalendarUsers.StartAsync(temp.Sub("data"));
        await controller.RegisterDeviceAsync("fz-1");
        var routes = controller.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Route: e.RoutePattern.RawText ?? "")))
            .Where(r => r.Method is "POST" or "PUT" or "PATCH" && r.Route.StartsWith("/api/", StringComparison.Ordinal))
            .Distinct().OrderBy(r => r.Route, StringComparer.Ordinal).ToArray();
        Assert.True(routes.Length >= 20, $"only {routes.Length} routes with a body were found");

        var fuzzer = new PayloadFuzzer(Seed);
        var failures = new List<string>();
        var requests = 0;
        foreach (var (method, route) in routes)
        {
            var url = Fill(route);
            var user = await AllowedUserAsync(controller, method, url);
            if (user is null) { output.WriteLine($"{method} {route}: no test user may call it, skipped"); continue; }
            foreach (var (what, content) in Bodies(fuzzer))
            {
                var response = await controller.As(user).SendAsync(new HttpMethod(method), url, content);
                requests++;
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{method} {url} with {what} as {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        output.WriteLine($"{routes.Length} routes, {requests} requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True((await controller.Http.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    private static string Fill(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:?]+)[^}]*\}", m =>
            m.Groups[1].Value.Contains("device", StringComparison.OrdinalIgnoreCase) || m.Groups[1].Value == "id" ? "fz-1" : "x1");

    private static async Task<string?> AllowedUserAsync(RunningController controller, string method, string url)
    {
        foreach (var user in Users)
        {
            var probe = await controller.As(user).SendAsync(new HttpMethod(method), url, Json("{}"));
            if (probe.StatusCode != HttpStatusCode.Forbidden) return user;
        }
        return null;
    }

    private static IEnumerable<(string What, HttpContent? Content)> Bodies(PayloadFuzzer fuzzer)
    {
        yield return ("no body", null);
        yield return ("an empty JSON body", Json(""));
        yield return ("a cut object", Json("{\"title\": \"Tin sáng\", \"targets\": {\"zones\": [\"al"));
        yield return ("an array", Json("[]"));
        yield return ("null", Json("null"));
        yield return ("wrong types", Json("{\"id\":{},\"name\":123,\"title\":[],\"targets\":\"all\",\"volume\":\"loud\",\"repeat\":-99999999999,\"roles\":7}"));
        yield return ("nesting 10,000 deep", Json(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("a 3 MB string", Json("{\"title\":\"" + new string('x', 3_000_000) + "\"}"));
        yield return ("binary as JSON", new ByteArrayContent(fuzzer.RandomBytes(300)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        yield return ("text/plain", new StringContent("hello", Encoding.UTF8, "text/plain"));
        yield return ("a broken multipart form", new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\nRIFF\0\0"))
        {
            Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b") },
        });
        var sample = Encoding.UTF8.GetBytes("{\"title\":\"Bản tin\",\"name\":\"a\",\"targets\":{\"zones\":[\"all\"],\"areas\":[],\"devices\":[\"fz-1\"]},\"mediaId\":\"m1\",\"volume\":50,\"repeat\":1,\"text\":\"Xin chào\",\"village\":\"0898001\",\"zones\":[\"all\"]}");
        for (var i = 0; i < 12; i++) yield return ($"mutated JSON #{i}", new ByteArrayContent(fuzzer.Mutate(sample)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
    }

    private static HttpContent Json(string text) => new StringContent(text, Encoding.UTF8, "application/json");
}
