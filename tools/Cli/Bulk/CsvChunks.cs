namespace InfoRadio.Cli.Bulk;

/// <summary>One CSV record: its text (possibly several physical lines inside quotes) and the file line it starts on.</summary>
public sealed record CsvRecord(string Text, int Line);

/// <summary>Some records of a CSV file sent as one request, preceded by the file's header line.</summary>
public sealed record CsvChunk(string Header, IReadOnlyList<CsvRecord> Records)
{
    public string Body => Header + "\n" + string.Join("\n", Records.Select(r => r.Text)) + "\n";
    public int FirstLine => Records[0].Line;
    public int LastLine => Records[^1].Line;

    /// <summary>
    /// The file line of a line number the controller reported for this chunk, where the chunk's header is line 1
    /// (so its first record is line 2). Null when the number does not name one of its records.
    /// </summary>
    public int? FileLineOf(int chunkLine) => chunkLine - 2 is var i && i >= 0 && i < Records.Count ? Records[i].Line : null;
}

/// <summary>
/// Splits a CSV file into chunks of at most N records, each sent with the header, so a big import shows progress
/// and one request stays small over 4G. A quoted cell may hold commas, "" and line breaks: records are split only
/// on line breaks outside quotes. Blank lines are skipped.
/// </summary>
public static class CsvChunks
{
    public static (string Header, IReadOnlyList<CsvChunk> Chunks) Split(string text, int recordsPerChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recordsPerChunk, 1);
        var records = Records(text.TrimStart('\uFEFF'));
        if (records.Count == 0) throw new CliException(ExitCodes.Usage, "the CSV file is empty: it needs a header line and at least one record");
        var header = records[0].Text;
        var chunks = records.Skip(1).Chunk(recordsPerChunk).Select(c => new CsvChunk(header, c)).ToArray();
        return (header, chunks);
    }

    internal static List<CsvRecord> Records(string text)
    {
        var records = new List<CsvRecord>();
        var line = 1;
        var start = 0;
        var startLine = 1;
        var quoted = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var end = i == text.Length;
            var c = end ? '\n' : text[i];
            if (!end && c == '"') quoted = !quoted; // "" inside quotes toggles twice: no change, as it should
            if (c != '\n') continue;
            if (quoted && !end)
            {
                line++; // a line break inside a quoted cell: same record, next physical line
                continue;
            }
            var record = text[start..i].TrimEnd('\r');
            if (record.Trim().Length > 0) records.Add(new CsvRecord(record, startLine));
            line++;
            start = i + 1;
            startLine = line;
        }
        if (quoted) throw new CliException(ExitCodes.Usage, $"the CSV file has a quote that is never closed (record starting on line {records.LastOrDefault()?.Line ?? 1})");
        return records;
    }
}
