using System.Text;
using InfoRadio.Controller.Cap;

namespace InfoRadio.Controller.Tests.Cap;

/// <summary>The CAP 1.2 rules, each broken on purpose: every problem is listed, under its element's path.</summary>
public sealed class CapValidator_Tests
{
    private static IReadOnlyList<string> Errors(string xml)
    {
        var parsed = CapParser.Parse(Encoding.UTF8.GetBytes(xml));
        Assert.NotNull(parsed.Alert);
        return [.. parsed.Errors, .. CapValidator.Validate(parsed.Alert!)];
    }

    private static IReadOnlyList<string> Sample(string name) => Errors(File.ReadAllText(Path.Combine(CapSample.Folder, name)));

    [Fact]
    public void Missing_required_elements_are_all_listed()
    {
        var errors = Sample("invalid-missing.xml");

        Assert.Contains("alert/identifier: required", errors);
        Assert.Contains("alert/sent: required", errors);
        Assert.Contains(errors, e => e.StartsWith("alert/scope: required"));
        Assert.Contains("alert/info[1]/event: required", errors);
        Assert.Contains(errors, e => e.StartsWith("alert/info[1]/urgency: required"));
        Assert.Contains(errors, e => e.StartsWith("alert/info[1]/certainty: required"));
        Assert.Contains("alert/info[1]/area[1]/areaDesc: required", errors);
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void Values_outside_the_closed_lists_are_named()
    {
        var errors = Sample("invalid-enum.xml");

        Assert.Contains(errors, e => e.StartsWith("alert/status: 'Real' is not one of Actual, Exercise"));
        Assert.Contains(errors, e => e.StartsWith("alert/info[1]/category: 'Weather' is not one of"));
        Assert.Contains(errors, e => e.StartsWith("alert/info[1]/severity: 'Catastrophic' is not one of"));
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Dates_identifiers_references_scope_and_geometry_are_checked()
    {
        var errors = Sample("invalid-date.xml");

        Assert.Contains(errors, e => e.StartsWith("alert/identifier: 'KTTV DATE,1' must not contain spaces, commas"));
        Assert.Contains(errors, e => e.StartsWith("alert/sent: '2026-09-02T08:30:00Z' is not a CAP dateTime"));
        Assert.Contains(errors, e => e.StartsWith("alert/info[1]/onset: '2026-09-02T15:30' is not a CAP dateTime"));
        Assert.Contains(errors, e => e.StartsWith("alert/info[1]/expires: '2026-09-02T18:30:00.500+07:00' is not a CAP dateTime"));
        Assert.Contains("alert/restriction: required when scope is Restricted", errors);
        Assert.Contains(errors, e => e.StartsWith("alert/references: required for msgType Update"));
        Assert.Contains(errors, e => e.StartsWith("alert/info[1]/area[1]/polygon: a polygon needs at least 4 points"));
        Assert.Contains(errors, e => e.StartsWith("alert/info[1]/area[1]/circle:"));
        Assert.Equal(8, errors.Count);
    }

    [Theory]
    [InlineData("2026-09-02T15:30:00+07:00", true)]
    [InlineData("2026-09-02T08:30:00-00:00", true)]
    [InlineData("2026-09-02T08:30:00Z", false)]
    [InlineData("2026-09-02T08:30:00.25+07:00", false)]
    [InlineData("2026-09-02T08:30+07:00", false)]
    [InlineData("2026-13-02T08:30:00+07:00", false)]
    [InlineData("02/09/2026 08:30", false)]
    public void Cap_date_times_need_seconds_and_a_numeric_offset(string text, bool valid) =>
        Assert.Equal(valid, CapVocabulary.TryParseDateTime(text, out _));

    [Fact]
    public void References_must_be_sender_identifier_sent_triples()
    {
        var xml = CapSample.Text("update.xml", ("REFS", "kttv.gov.vn,KTTV-1,2026-09-02T15:30:00+07:00 kttv.gov.vn,KTTV-2 bad"));
        var errors = Errors(xml);

        Assert.Contains(errors, e => e.StartsWith("alert/references: 'kttv.gov.vn,KTTV-2' is not 'sender,identifier,sent'"));
        Assert.Contains(errors, e => e.StartsWith("alert/references: 'bad'"));
        Assert.Equal(2, errors.Count);
        Assert.Equal([new CapReference("kttv.gov.vn", "KTTV-1", "2026-09-02T15:30:00+07:00")],
            CapValidator.ParseReferences("kttv.gov.vn,KTTV-1,2026-09-02T15:30:00+07:00"));
    }

    [Fact]
    public void Private_scope_needs_addresses_and_polygons_must_close()
    {
        var xml = CapSample.Text("alert-polygon.xml")
            .Replace("<scope>Public</scope>", "<scope>Private</scope>")
            .Replace("21.10,105.80 21.00,105.80</polygon>", "21.10,105.80 21.00,105.81</polygon>");
        var errors = Errors(xml);

        Assert.Contains("alert/addresses: required when scope is Private", errors);
        Assert.Contains(errors, e => e.Contains("polygon: a polygon must be closed"));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Resources_need_a_description_a_type_and_sound_encodings()
    {
        var xml = CapSample.Text("alert-audio.xml", ("AUDIO", "not base64!"))
            .Replace("<resourceDesc>Thông báo sơ tán</resourceDesc>", "<size>12kB</size><digest>abc</digest>");
        var errors = Errors(xml);

        Assert.Contains("alert/info[1]/resource[1]/resourceDesc: required", errors);
        Assert.Contains("alert/info[1]/resource[1]/derefUri: not base64 data", errors);
        Assert.Contains(errors, e => e.StartsWith("alert/info[1]/resource[1]/size: '12kB'"));
        Assert.Contains(errors, e => e.StartsWith("alert/info[1]/resource[1]/digest: 'abc'"));
        Assert.Equal(4, errors.Count);
    }
}
