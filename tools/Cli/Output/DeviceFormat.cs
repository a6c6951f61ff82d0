using System.Text.Json;
using static InfoRadio.Cli.Output.JsonFields;

namespace InfoRadio.Cli.Output;

/// <summary>Human views of devices (GET /api/devices and /api/devices/{id}).</summary>
public static class DeviceFormat
{
    public static string List(JsonElement devices, TimeZoneInfo zone)
    {
        var table = new TextTable("ID", "NAME", "ONLINE", "VILLAGE", "ZONES", "VOLUME", "FIRMWARE", "LAST SEEN");
        foreach (var d in Items(devices).OrderBy(d => Text(d, "id"), StringComparer.Ordinal))
            table.Add(Text(d, "id"), Text(d, "name"), YesNo(d, "online"), Text(d, "villageCode"), Joined(d, "zones"),
                Text(d, "volume"), Text(d, "firmware"), Time(d, "lastSeen", zone));
        return table.RowCount == 0 ? "No devices.\n" : table.Render() + $"{table.RowCount} device(s), {Items(devices).Count(d => Bool(d, "online") == true)} online\n";
    }

    private static readonly HashSet<string> Shown =
        ["id", "name", "online", "villageCode", "zones", "volume", "session", "firmware", "createdAt", "lastSeen", "position", "lastTelemetry"];

    public static string Show(JsonElement d, TimeZoneInfo zone)
    {
        var block = new KeyValueBlock()
            .Add("Id", Text(d, "id"))
            .Add("Name", Text(d, "name"))
            .Add("Online", YesNo(d, "online"))
            .Add("Village", Text(d, "villageCode"))
            .Add("Zones", Joined(d, "zones"))
            .Add("Volume", Text(d, "volume"))
            .Add("Playing", Text(d, "session"))
            .Add("Firmware", Text(d, "firmware"))
            .Add("Registered", Time(d, "createdAt", zone))
            .Add("Last seen", Time(d, "lastSeen", zone))
            .Add("Position", Get(d, "position") is { } p ? $"{Text(p, "latitude")}, {Text(p, "longitude")} ({Text(p, "source")})" : "-");
        // Fields this CLI does not know yet (the server grows) still show, as they are.
        foreach (var member in d.EnumerateObject().Where(m => !Shown.Contains(m.Name) && m.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
            block.Add(member.Name, Scalar(member.Value));
        var text = block.Render();
        if (Get(d, "lastTelemetry") is not { ValueKind: JsonValueKind.Object } telemetry) return text;
        // Its own block: long telemetry names must not widen the device's labels.
        var measures = new KeyValueBlock();
        foreach (var member in telemetry.EnumerateObject().Where(m => m.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
            measures.Add("  " + member.Name, Scalar(member.Value));
        return text + "Last telemetry:\n" + measures.Render();
    }
}
