using System.Globalization;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Targets;
using InfoRadio.Protocol.Enrollment;

namespace InfoRadio.Controller.Enrollment;

/// <summary>
/// The technician's device list as CSV: <c>serial,name,village,latitude,longitude,zones</c> (zones separated by
/// ';'). Import checks each line on its own against the target directory; export adds <c>id,online,firmware,lastSeen</c>.
/// </summary>
public static class DeviceListCsv
{
    public static readonly string[] ImportColumns = ["serial", "name", "village", "latitude", "longitude", "zones"];
    public static readonly string[] ExportColumns = [.. ImportColumns, "id", "online", "firmware", "lastSeen"];
    public const int MaxRows = 50_000;

    public sealed record LineError(int Line, string Message);

    /// <summary>
    /// The good lines and an error for each bad one (a bad line never stops the good ones). With a limited
    /// <paramref name="scope"/>, a line whose village lies outside it (or that names none) is refused.
    /// </summary>
    public static (IReadOnlyList<PreRegistration> Rows, IReadOnlyList<LineError> Errors) Parse(string text, TargetDirectory directory, AreaScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var records = Csv.Read(text);
        var rows = new List<PreRegistration>();
        var errors = new List<LineError>();
        if (records.Count == 0)
        {
            errors.Add(new LineError(1, $"empty list: the first line must be the header {string.Join(",", ImportColumns)}"));
            return (rows, errors);
        }
        var header = records[0];
        if (header.Error is not null || !header.Fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(ImportColumns))
        {
            errors.Add(new LineError(header.Line, $"the first line must be the header {string.Join(",", ImportColumns)}"));
            return (rows, errors);
        }
        if (records.Count - 1 > MaxRows)
        {
            errors.Add(new LineError(records[MaxRows + 1].Line, $"at most {MaxRows} lines per import"));
            return (rows, errors);
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            PreRegistration? row = null;
            var problem = record.Error ?? Check(record, directory, out row);
            if (problem is null && scope is not null && !scope.CoversVillage(row!.Village))
                problem = row.Village is null ? $"a village is needed: you may place speakers only in your areas ({scope})" : $"village {row.Village} is outside your areas ({scope})";
            if (problem is null && seen.TryGetValue(row!.Serial, out var first)) problem = $"serial '{row.Serial}' already appears on line {first}";
            if (problem is not null)
            {
                errors.Add(new LineError(record.Line, problem));
                continue;
            }
            seen[row!.Serial] = record.Line;
            rows.Add(row);
        }
        return (rows, errors);
    }

    private static string? Check(CsvRecord record, TargetDirectory directory, out PreRegistration? row)
    {
        row = null;
        var f = record.Fields.Select(x => x.Trim()).ToArray();
        if (f.Length != ImportColumns.Length) return $"{f.Length} fields where {ImportColumns.Length} are expected ({string.Join(",", ImportColumns)})";
        if (EnrollmentIds.CheckSerial(f[0]) is { } serialProblem) return serialProblem;
        var name = f[1].Length == 0 ? null : f[1];
        if (name is not null && (name.Length > DeviceRegistry.MaxNameLength || name.Any(char.IsControl)))
            return $"name must be at most {DeviceRegistry.MaxNameLength} printable characters";
        var village = f[2].Length == 0 ? null : f[2];
        double? lat = null, lon = null;
        if (f[3].Length > 0 || f[4].Length > 0)
        {
            if (!TryNumber(f[3], -90, 90, out var la)) return $"latitude '{f[3]}' is not a number between -90 and 90";
            if (!TryNumber(f[4], -180, 180, out var lo)) return $"longitude '{f[4]}' is not a number between -180 and 180";
            (lat, lon) = (la, lo);
        }
        var zones = f[5].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (directory.CheckPlacement(village, zones) is { } placement) return placement;
        row = new PreRegistration(EnrollmentIds.TryCanonical(f[0])!, name, village, lat, lon, zones);
        return null;
    }

    private static bool TryNumber(string text, double min, double max, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && value >= min && value <= max;

    /// <summary>Every enrollment record and every device without one, as CSV with <see cref="ExportColumns"/>.</summary>
    public static string Export(IReadOnlyList<EnrollmentView> enrollments, IReadOnlyList<DeviceView> devices)
    {
        var byId = devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var lines = new List<string> { string.Join(",", ExportColumns) };
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in enrollments)
        {
            var device = e.DeviceId is { } id && byId.TryGetValue(id, out var d) ? d : null;
            if (device is not null) listed.Add(device.Id);
            lines.Add(Row(e.Serial, device?.Name ?? e.Name, device?.VillageCode ?? e.Village,
                device?.Position?.Latitude ?? e.Latitude, device?.Position?.Longitude ?? e.Longitude, device?.Zones ?? e.Zones, device));
        }
        foreach (var device in devices.Where(d => !listed.Contains(d.Id)))
            lines.Add(Row("", device.Name, device.VillageCode, device.Position?.Latitude, device.Position?.Longitude, device.Zones, device));
        return string.Join("\r\n", lines) + "\r\n";
    }

    private static string Row(string serial, string? name, string? village, double? lat, double? lon, IReadOnlyList<string> zones, DeviceView? device) =>
        Csv.Line([
            serial, name, village, Number(lat), Number(lon), string.Join(";", zones),
            device?.Id, device is null ? "" : device.Online ? "true" : "false", device?.Firmware,
            device?.LastSeen?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ]);

    private static string Number(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";
}
