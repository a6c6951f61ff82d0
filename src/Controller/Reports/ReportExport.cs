using System.Globalization;
using System.Text;
using ClosedXML.Excel;

namespace InfoRadio.Controller.Reports;

/// <summary>A report as a file: CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads Vietnamese) or XLSX (ClosedXML).</summary>
public static class ReportExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(ReportTable table, string extension) =>
        $"inforadio-{table.Kind}-{table.From:yyyyMMdd}-{table.To:yyyyMMdd}.{extension}";

    /// <summary>A header line of the column titles (with their units), then one line per row; numbers in invariant culture.</summary>
    public static byte[] Csv(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => Quote(Header(c)))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            text.AppendJoin(',', table.Columns.Select(c => Quote(row.TryGetValue(c.Key, out var v) ? Text(v) : ""))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One sheet named after the report: a bold header row, numbers as numbers, text as text.</summary>
    public static byte[] Xlsx(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(table.Kind);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var cell = sheet.Cell(1, c + 1);
            cell.Value = Header(table.Columns[c]);
            cell.Style.Font.Bold = true;
        }
        for (var r = 0; r < table.Rows.Count; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (!table.Rows[r].TryGetValue(table.Columns[c].Key, out var value) || value is null) continue;
                var cell = sheet.Cell(r + 2, c + 1);
                switch (value)
                {
                    case int or long or double or float or decimal:
                        cell.Value = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                        break;
                    default:
                        // Set as text explicitly: ClosedXML would otherwise turn "2026-12-01" or "00123" into a date or a number.
                        cell.SetValue(Text(value));
                        cell.DataType = XLDataType.Text;
                        break;
                }
            }
        }
        sheet.SheetView.FreezeRows(1);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    public static string Header(ReportColumn column) => column.Unit is { } unit and not "time" ? $"{column.Title} ({unit})" : column.Title;

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
