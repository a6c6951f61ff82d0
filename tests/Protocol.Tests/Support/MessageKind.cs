using System.Text;
using System.Text.Json.Nodes;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Protocol.Tests.Support;

/// <summary>
/// One JSON message type of v1 as the table-driven tests see it: a valid sample written by hand (not produced by our
/// encoder, so a wrong encoder cannot hide a wrong parser), the fields JSON must carry, the fields it may leave out,
/// and its parser reduced to "null when accepted, else the reason".
/// </summary>
public sealed record MessageKind(
    string Name,
    string ValidJson,
    string[] RequiredFields,
    string[] OptionalFields,
    Func<byte[], string?> ErrorOf)
{
    /// <summary>2026-01-01T00:00:00Z in unix microseconds: inside the 2020–2100 window every timestamp must fall in.</summary>
    public const long T = 1_767_225_600_000_000;

    public string? ErrorOfJson(string json) => ErrorOf(Encoding.UTF8.GetBytes(json));

    /// <summary>The valid sample with one field replaced (or added), as JSON text.</summary>
    public string With(string field, JsonNode? value)
    {
        var json = JsonNode.Parse(ValidJson)!.AsObject();
        json[field] = value;
        return json.ToJsonString();
    }

    public string Without(string field)
    {
        var json = JsonNode.Parse(ValidJson)!.AsObject();
        json.Remove(field);
        return json.ToJsonString();
    }

    public string? ErrorWith(string field, JsonNode? value) => ErrorOfJson(With(field, value));

    public static readonly IReadOnlyDictionary<string, MessageKind> All = new[]
    {
        Of<DesiredState>(
            """{"v":1,"rev":42,"issuedUs":1767225600000000,"sessions":[{"session":"s1","stream":7,"priority":"normal","origin":"commune","epochUs":1767225600000000,"latencyMs":1000,"frameSamples":960,"volume":80,"title":"News"}]}""",
            ["v", "rev", "issuedUs", "sessions"], []),
        Of<ReportedState>(
            """{"v":1,"online":true,"atUs":1767225600000000,"firmware":"1.0.0","session":"s1","volume":70,"desiredRev":42}""",
            ["v", "online"], ["atUs", "firmware", "session", "volume", "desiredRev"]),
        Of<Telemetry>(
            """{"v":1,"atUs":1767225600000000,"serial":"SN1","imei":"356938035643809","firmware":"1.0.0","network":"4g","signalDbm":-85,"ip":"10.0.0.2","volume":70,"session":"s1","playSecondsToday":3600,"temperatureC":41.5,"supplyVolts":12.6,"mainsLost":false,"amplifierFault":"ok","speakerFault":"open","latitude":21.0285,"longitude":105.8542,"uptimeS":86400,"underruns":3}""",
            ["v", "atUs"],
            ["serial", "imei", "firmware", "network", "signalDbm", "ip", "volume", "session", "playSecondsToday", "temperatureC",
             "supplyVolts", "mainsLost", "amplifierFault", "speakerFault", "latitude", "longitude", "uptimeS", "underruns"]),
        Of<DeviceEvent>(
            """{"v":1,"id":"3f2504e04f8941d39a0c0305e82c3301","type":"underrun","atUs":1767225600000000,"session":"s1","position":48000,"underruns":2,"reason":"late"}""",
            ["v", "id", "type", "atUs"], ["position", "underruns", "reason"]),
        Of<DeviceCommand>(
            """{"v":1,"id":"c1","type":"set-volume","issuedUs":1767225600000000,"volume":80}""",
            ["v", "id", "type", "issuedUs"], []),
        Of<ClockSyncRequest>(
            """{"v":1,"seq":1,"t0Us":1767225600000000}""",
            ["v", "seq", "t0Us"], []),
        Of<ClockSyncResponse>(
            """{"v":1,"seq":1,"t0Us":1767225600000000,"t1Us":1767225600000500,"t2Us":1767225600000600}""",
            ["v", "seq", "t0Us", "t1Us", "t2Us"], []),
    }.ToDictionary(k => k.Name);

    public static TheoryData<string> Names => [.. All.Keys];

    /// <summary>Every (message, field) pair of the given selection, for per-field theories.</summary>
    public static TheoryData<string, string> Fields(Func<MessageKind, IEnumerable<string>> select)
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in All.Values)
            foreach (var field in select(kind)) data.Add(kind.Name, field);
        return data;
    }

    private static MessageKind Of<T>(string validJson, string[] required, string[] optional) where T : class, IValidatable =>
        new(typeof(T).Name, validJson, required, optional, bytes => MessageCodec.Parse<T>(bytes).Error);
}
