using System.Text.Json;
using static InfoRadio.Cli.Output.JsonFields;

namespace InfoRadio.Cli.Output;

/// <summary>Human views of zones (GET /api/zones, /api/zones/{id}).</summary>
public static class ZoneFormat
{
    public static string List(JsonElement zones)
    {
        var table = new TextTable("ID", "NAME", "DEVICES");
        foreach (var z in Items(zones)) table.Add(Text(z, "id"), Text(z, "name"), Strings(z, "devices").Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return table.RowCount == 0 ? "No zones.\n" : table.Render();
    }

    public static string Show(JsonElement z) => new KeyValueBlock()
        .Add("Id", Text(z, "id"))
        .Add("Name", Text(z, "name"))
        .Add("Devices", Joined(z, "devices"))
        .Render();
}
