using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InfoRadio.LoadSim.Fleet;

namespace InfoRadio.LoadSim;

/// <summary>Registers simulated speakers with a controller (POST /api/devices as a technician) and keeps their secrets.</summary>
public static class Provisioning
{
    public static async Task<IReadOnlyList<AgentCredentials>> RegisterAsync(Uri controller, string token, string prefix, int count,
        Action<int>? progress, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = controller, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var list = new AgentCredentials[count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(1, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var id = $"{prefix}{i:D5}";
            using var response = await http.PostAsJsonAsync("api/devices", new { id, name = $"Simulated speaker {i}" }, token);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"registering {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(token);
            list[i - 1] = new AgentCredentials(id, body.GetProperty("secret").GetString()!);
            var n = Interlocked.Increment(ref done);
            if (n % 500 == 0) progress?.Invoke(n);
        });
        return list;
    }
}
