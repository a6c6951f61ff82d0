using System.Text.Json;
using InfoRadio.Controller.Broadcasting;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Api;

/// <summary>
/// The <c>targets</c> member of a JSON request that airs at once (an emergency, a live relay): <c>"all"</c>, or an
/// object with <c>"all": true</c> or any of <c>areas</c>, <c>zones</c>, <c>devices</c>, resolved to the speakers they
/// reach now.
/// </summary>
public static class RequestTargets
{
    private sealed record TargetsBody(bool? All, string[]? Areas, string[]? Zones, string[]? Devices);

    /// <summary>
    /// The speakers the request's targets reach now, and the targets as named (for a report). For a user limited to
    /// areas (<paramref name="scoped"/>), <c>all</c> means all of their areas and every target must lie in them.
    /// </summary>
    /// <exception cref="SchedulingException">The targets are malformed, unknown, or reach no speaker (a 400).</exception>
    /// <exception cref="OutsideScopeException">A target lies outside the user's areas (a 403).</exception>
    public static (BroadcastTargets Targets, IReadOnlyList<string> Names) Read(JsonElement? element, TargetResolver resolver, ScopedTargets? scoped = null)
    {
        var (targets, names) = ReadUnscoped(element, resolver, scoped);
        if (scoped is null || scoped.Scope.IsUnlimited || !targets.AllDevices) return (targets, names);
        return (scoped.Check(targets), scoped.Scope.AreaCodes.Select(a => TargetRef.Area(a).ToString()).ToArray());
    }

    private static (BroadcastTargets Targets, IReadOnlyList<string> Names) ReadUnscoped(JsonElement? element, TargetResolver resolver, ScopedTargets? scoped)
    {
        const string rule = "'targets' must be \"all\" or an object with \"all\": true or any of \"areas\", \"zones\", \"devices\" (lists of ids)";
        if (element is not { } e || e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) throw new SchedulingException(rule);
        if (e.ValueKind == JsonValueKind.String)
            return e.GetString() == "all" ? (BroadcastTargets.All, ["all"]) : throw new SchedulingException(rule);
        if (e.ValueKind != JsonValueKind.Object) throw new SchedulingException(rule);
        TargetsBody body;
        try
        {
            body = e.Deserialize<TargetsBody>(ApiBody.Options) ?? throw new SchedulingException(rule);
        }
        catch (JsonException ex)
        {
            throw new SchedulingException($"{rule}: {ex.Message}");
        }
        var set = TargetSet.Of(body.Devices, body.Zones, body.Areas);
        if (body.All == true)
            return set.IsEmpty ? (BroadcastTargets.All, ["all"]) : throw new SchedulingException("'targets': \"all\": true reaches everyone; name no areas, zones or devices with it");
        if (set.Validate() is { } bad) throw new SchedulingException("'targets': " + bad);
        if (scoped is not null) set = scoped.Check(set);
        var resolution = resolver.Resolve(set);
        if (!resolution.IsComplete) throw new SchedulingException("unknown targets: " + string.Join(", ", resolution.Unknown));
        if (resolution.DeviceIds.Count == 0) throw new SchedulingException("the targets reach no speaker");
        return (BroadcastTargets.Devices(resolution.DeviceIds), set.Refs().Select(r => r.ToString()).ToArray());
    }
}
