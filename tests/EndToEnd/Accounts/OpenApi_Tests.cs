using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.EndToEnd.Tests.Infrastructure;

namespace InfoRadio.EndToEnd.Tests.Accounts;

/// <summary>The OpenAPI document a running controller serves at /openapi/v1.json.</summary>
public sealed class OpenApi_Tests
{
    [Fact]
    public async Task The_document_is_served_anonymously_and_lists_the_api_with_tags()
    {
        using var temp = new TempDirectory();
        await using var controller = await RunningController.StartAsync(temp.Sub("data"));
        var response = await controller.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Equal("InfoRadio controller API", document.GetProperty("info").GetProperty("title").GetString());

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/session", "/api/users", "/api/users/{name}", "/api/me/password", "/api/devices", "/api/emergencies", "/api/demo/accounts" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the document");
        Assert.True(paths.GetProperty("/api/session").TryGetProperty("post", out var signIn));
        Assert.Equal("Session", signIn.GetProperty("tags")[0].GetString());
        // Every operation under /api carries a tag.
        var untagged = paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => !o.Value.TryGetProperty("tags", out var t) || t.GetArrayLength() == 0).Select(o => $"{o.Name} {p.Name}"));
        Assert.Empty(untagged);
    }
}
