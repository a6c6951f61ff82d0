namespace InfoRadio.Cli.Bulk;

/// <summary>One CSV record: its text (possibly several physical lines inside quotes) and the file line it starts on.</summary>
public sealed record CsvRecord(string Text, int Line);

/// <summary>Some records of a CSV file sent as one request, preceded by the file's header line.</summary>
/// <param name="HeaderLine">The file line the header starts on (1 unless blank lines precede it).</param>
public sealed record CsvChunk(string Header, IReadOnlyList<CsvRecord> Records, int HeaderLine = 1)
{
    public string Body => Header + "\n" + string.Join("\n", Records.Select(r => r.Text)) + "\n";
    public int FirstLine => Records[0].Line;
    public int LastLine => Records[^1].Line;

    /// <summary>
    /// The file line of a line number the controller reported for this chunk. The controller counts the physical
    /// lines of the body it got, header first as line 1, so a record whose quoted cell holds line breaks moves every
    /// later record down by as many lines; blank lines of the file are not in the body. A number inside a record
    /// (or the header) maps to the same offset inside it in the file. Null when the number is outside the body.
    /// </summary>
    public int? FileLineOf(int chunkLine)
    {
        if (chunkLine < 1) return null;
        var start = 1;
        var (text, fileLine) = (Header, HeaderLine);
        for (var i = -1; i < Records.Count; i++)
        {
            if (i >= 0) (text, fileLine) = (Records[i].Text, Records[i].Line);
            var span = 1 + text.Count(c => c == '\n');
            if (chunkLine < start + span) return fileLine + (chunkLine - start);
            start += span;
        }
        return null;
    }
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
        var chunks = records.Skip(1).Chunk(recordsPerChunk).Select(c => new CsvChunk(header, c, records[0].Line)).ToArray();
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
