namespace InfoRadio.Controller.Reports;

/// <summary>One column of a report: the row key, an English title and the unit of its figures (null for text).</summary>
public sealed record ReportColumn(string Key, string Title, string? Unit = null);

/// <summary>
/// A report as the API answers it: every report is a table, so one page draws any of them as a table and a bar chart.
/// Row values are text, numbers or null, keyed by <see cref="ReportColumn.Key"/>.
/// </summary>
public sealed record ReportTable(string Kind, DateOnly From, DateOnly To, IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);
