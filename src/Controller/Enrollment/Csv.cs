using System.Text;

namespace InfoRadio.Controller.Enrollment;

/// <summary>
/// RFC 4180 CSV, as spreadsheets write it: fields separated by commas, records by CRLF or LF; a field in double
/// quotes may hold commas, line breaks and doubled quotes. A leading UTF-8 BOM is skipped, blank lines are ignored.
/// A malformed record (a quote inside an unquoted field, text after a closing quote, an unterminated quote) is
/// returned with its error and reading goes on at the next line, so one bad line never hides the good ones.
/// </summary>
public static class Csv
{
    public static IReadOnlyList<CsvRecord> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<CsvRecord>();
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var quoted = false;
            var afterQuote = false;
            var endOfRecord = false;
            while (i < text.Length && !endOfRecord)
            {
                var c = text[i++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i < text.Length && text[i] == '"') { field.Append('"'); i++; }
                        else { quoted = false; afterQuote = true; }
                    }
                    else
                    {
                        if (c == '\n') line++;
                        field.Append(c);
                    }
                    continue;
                }
                switch (c)
                {
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        afterQuote = false;
                        break;
                    case '\r' when i < text.Length && text[i] == '\n':
                        break;
                    case '\n':
                    case '\r':
                        line++;
                        endOfRecord = true;
                        break;
                    case '"' when field.Length == 0 && !afterQuote:
                        quoted = true;
                        break;
                    default:
                        if (error is null && (c == '"' || afterQuote))
                            error = afterQuote ? "text after a closing quote" : "a quote inside an unquoted field (quote the whole field and double the quote)";
                        field.Append(c);
                        break;
                }
            }
            if (quoted) error = "a quoted field is not closed";
            fields.Add(field.ToString());
            if (error is null && fields.Count == 1 && fields[0].Length == 0 && !afterQuote) continue; // blank line
            records.Add(new CsvRecord(start, fields, error));
        }
        return records;
    }

    /// <summary>One CSV line (without line break), quoting only the fields that need it.</summary>
    public static string Line(IEnumerable<string?> fields) => string.Join(",", fields.Select(Field));

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
