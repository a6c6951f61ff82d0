using System.Text;
using ClosedXML.Excel;
using InfoRadio.Controller.Reports;

namespace InfoRadio.Controller.Tests.Reports;

/// <summary>CSV and XLSX read back: the same cells, numbers as numbers, Vietnamese and awkward text intact.</summary>
public sealed class ReportExport_Tests
{
    private static readonly ReportTable Table = new("airtime", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2),
        [new("device", "Device"), new("name", "Name"), new("airtimeMinutes", "Airtime", "min"), new("plays", "Plays", "count")],
        [
            new Dictionary<string, object?> { ["device"] = "d1", ["name"] = "Cụm loa \"chợ\", Thôn 1", ["airtimeMinutes"] = 55.25, ["plays"] = 3 },
            new Dictionary<string, object?> { ["device"] = "00123", ["name"] = null, ["airtimeMinutes"] = 0.0, ["plays"] = 0 },
        ]);

    [Fact]
    public void Csv_has_a_bom_a_header_with_units_and_quoted_text()
    {
        var bytes = ReportExport.Csv(Table);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Device,Name,Airtime (min),Plays (count)", lines[0]);
        Assert.Equal("d1,\"Cụm loa \"\"chợ\"\", Thôn 1\",55.25,3", lines[1]);
        Assert.Equal("00123,,0,0", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.Equal("inforadio-airtime-20261201-20261202.csv", ReportExport.FileName(Table, "csv"));
    }

    [Fact]
    public void Xlsx_reads_back_with_the_same_cells()
    {
        using var workbook = new XLWorkbook(new MemoryStream(ReportExport.Xlsx(Table)));
        var sheet = workbook.Worksheet("airtime");
        Assert.Equal("Airtime (min)", sheet.Cell(1, 3).GetString());
        Assert.Equal("Cụm loa \"chợ\", Thôn 1", sheet.Cell(2, 2).GetString());
        Assert.Equal(55.25, sheet.Cell(2, 3).GetDouble());
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 4).DataType);
        // Text stays text: a device id of digits is not turned into the number 123.
        Assert.Equal(XLDataType.Text, sheet.Cell(3, 1).DataType);
        Assert.Equal("00123", sheet.Cell(3, 1).GetString());
        Assert.True(sheet.Cell(3, 2).IsEmpty());
        Assert.Equal(3, sheet.LastRowUsed().RowNumber());
    }
}
