namespace InfoRadio.Cli.Bulk;

/// <summary>
/// Takes out of a device list the records whose serial already appeared on an earlier line. The controller catches a
/// repeat only inside one request; sent in chunks, a repeat in a later chunk would silently overwrite the first line
/// as an "update". Serials compare as the controller does: trimmed, case-insensitive.
/// </summary>
public static class RepeatedSerials
{
    public static (IReadOnlyList<CsvChunk> Chunks, IReadOnlyList<ImportTotals.LineError> Errors) Remove(IReadOnlyList<CsvChunk> chunks)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<ImportTotals.LineError>();
        var kept = new List<CsvChunk>();
        foreach (var chunk in chunks)
        {
            var records = new List<CsvRecord>();
            foreach (var record in chunk.Records)
            {
                var serial = FirstField(record.Text).Trim().ToLowerInvariant();
                if (serial.Length > 0 && first.TryGetValue(serial, out var line))
                {
                    errors.Add(new ImportTotals.LineError(record.Line, $"serial '{serial}' already appears on line {line}"));
                    continue;
                }
                if (serial.Length > 0) first[serial] = record.Line;
                records.Add(record);
            }
            if (records.Count > 0) kept.Add(chunk with { Records = records });
        }
        return (kept, errors);
    }

    /// <summary>The first cell of a CSV record, unquoted.</summary>
    internal static string FirstField(string record)
    {
        var trimmed = record.TrimStart();
        if (!trimmed.StartsWith('"')) return record.Split(',')[0];
        var cell = new System.Text.StringBuilder();
        for (var i = 1; i < trimmed.Length; i++)
        {
            if (trimmed[i] != '"') { cell.Append(trimmed[i]); continue; }
            if (i + 1 < trimmed.Length && trimmed[i + 1] == '"') { cell.Append('"'); i++; continue; }
            break;
        }
        return cell.ToString();
    }
}
