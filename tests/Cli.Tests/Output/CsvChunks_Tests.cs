using System.Text.Json;
using InfoRadio.Cli.Bulk;

namespace InfoRadio.Cli.Tests.Output;

public sealed class CsvChunks_Tests
{
    private const string Csv = "serial,name,village,latitude,longitude,zones\r\n" +
        "SN1,Loa 1,00001,10.1,106.1,cho\r\n" +
        "\r\n" +
        "SN2,\"Loa \"\"chợ\"\", cổng\nsau\",00001,,,\r\n" +
        "SN3,Loa 3,00002,,,cho;truong\r\n" +
        "SN4,Loa 4,00002,,,\r\n";

    [Fact]
    public void Chunks_carry_the_header_and_records_keep_their_file_line()
    {
        var (header, chunks) = CsvChunks.Split(Csv, 2);
        Assert.Equal("serial,name,village,latitude,longitude,zones", header);
        Assert.Equal(2, chunks.Count);
        Assert.Equal([2, 4], chunks[0].Records.Select(r => r.Line)); // line 3 is blank
        Assert.Equal([6, 7], chunks[1].Records.Select(r => r.Line)); // SN2's quoted cell spans lines 4 and 5
        Assert.Equal("SN2,\"Loa \"\"chợ\"\", cổng\nsau\",00001,,,", chunks[0].Records[1].Text);
        Assert.Equal(header + "\nSN3,Loa 3,00002,,,cho;truong\nSN4,Loa 4,00002,,,\n", chunks[1].Body);
        Assert.Equal((6, 7), (chunks[1].FirstLine, chunks[1].LastLine));
    }

    [Fact]
    public void A_chunk_maps_the_controllers_line_numbers_back_to_the_file()
    {
        var (_, chunks) = CsvChunks.Split(Csv, 2);
        Assert.Equal(6, chunks[1].FileLineOf(2)); // the chunk's header is line 1
        Assert.Equal(7, chunks[1].FileLineOf(3));
        Assert.Equal(1, chunks[1].FileLineOf(1)); // the header
        Assert.Null(chunks[1].FileLineOf(4));
    }

    [Fact]
    public void A_record_spanning_two_lines_moves_the_controllers_numbering_of_the_next_ones()
    {
        var (_, chunks) = CsvChunks.Split(Csv, 3);
        // Body: header (1), SN1 (2), SN2 (3 and 4: its quoted cell holds a line break), SN3 (5).
        Assert.Equal(2, chunks[0].FileLineOf(2));
        Assert.Equal(4, chunks[0].FileLineOf(3));
        Assert.Equal(5, chunks[0].FileLineOf(4));
        Assert.Equal(6, chunks[0].FileLineOf(5));
        Assert.Null(chunks[0].FileLineOf(6));
        Assert.Null(chunks[0].FileLineOf(0));
    }

    [Fact]
    public void Line_numbers_inside_messages_are_mapped_and_a_refused_header_is_reported_once()
    {
        var (_, chunks) = CsvChunks.Split("\n" + Csv, 2); // a blank first line: the header is file line 2
        var totals = new ImportTotals();
        const string header = """{"created":0,"updated":0,"errors":[{"line":1,"message":"the first line must be the header"}]}""";
        totals.Add(chunks[0], JsonDocument.Parse(header).RootElement);
        totals.Add(chunks[1], JsonDocument.Parse(header).RootElement);
        Assert.Equal(new ImportTotals.LineError(2, "the first line must be the header"), Assert.Single(totals.Errors));

        var duplicates = new ImportTotals();
        duplicates.Add(chunks[1], JsonDocument.Parse("""{"created":1,"updated":0,"errors":[{"line":3,"message":"serial 'sn3' already appears on line 2"}]}""").RootElement);
        Assert.Equal(new ImportTotals.LineError(8, "serial 'sn3' already appears on line 7"), Assert.Single(duplicates.Errors));
    }

    [Fact]
    public void Totals_add_up_chunks_and_report_errors_by_file_line()
    {
        var (_, chunks) = CsvChunks.Split(Csv, 2);
        var totals = new ImportTotals();
        totals.Add(chunks[0], JsonDocument.Parse("""{"created":1,"updated":1,"errors":[]}""").RootElement);
        var own = totals.Add(chunks[1], JsonDocument.Parse("""{"created":0,"updated":1,"errors":[{"line":2,"message":"unknown zone 'truong'"}]}""").RootElement);
        Assert.Equal((0, 1, 1), own);
        Assert.Equal((1, 2), (totals.Created, totals.Updated));
        Assert.Equal(new ImportTotals.LineError(6, "unknown zone 'truong'"), Assert.Single(totals.Errors));
        Assert.Equal("Imported: 1 created, 2 updated, 1 error(s).\nLINE  ERROR\n6     unknown zone 'truong'\n", totals.Render());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void An_empty_file_is_a_usage_error(string text) =>
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => CsvChunks.Split(text, 10)).ExitCode);

    [Fact]
    public void An_unclosed_quote_is_a_usage_error()
    {
        var e = Assert.Throws<CliException>(() => CsvChunks.Split("a,b\n1,\"open\n2,3\n", 10));
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("never closed", e.Message);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_header() =>
        Assert.Equal("code,name,level,parent", CsvChunks.Split("\uFEFFcode,name,level,parent\n01,Hà Nội,province,\n", 5).Header);
}
