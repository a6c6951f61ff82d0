using System.Text;
using InfoRadio.Controller.Cap;

namespace InfoRadio.Controller.Tests.Cap;

/// <summary>The parser on the sample documents and on hostile input: it reads everything, and refuses safely.</summary>
public sealed class CapParser_Tests
{
    private static CapParser.Result Parse(string xml, int max = CapParser.DefaultMaxBytes) => CapParser.Parse(Encoding.UTF8.GetBytes(xml), max);

    [Fact]
    public void Reads_every_field_of_a_valid_alert_and_picks_the_vietnamese_info()
    {
        var result = Parse(CapSample.Text("alert-geocode.xml", ("ID", "KTTV-2026-0003")));

        Assert.True(result.IsOk, string.Join("; ", result.Errors));
        var alert = result.Alert!;
        Assert.Equal("KTTV-2026-0003", alert.Identifier);
        Assert.Equal("kttv.gov.vn", alert.Sender);
        Assert.Equal("2026-09-02T15:30:00+07:00", alert.Sent);
        Assert.Equal(("Actual", "Alert", "Public"), (alert.Status, alert.MsgType, alert.Scope));
        Assert.Equal(2, alert.Infos.Count);
        var info = alert.ChooseInfo()!;
        Assert.Equal("vi-VN", info.Language);
        Assert.Equal("Bão số 3 đang tiến vào đất liền", info.Headline);
        Assert.Equal(["Met"], info.Categories);
        Assert.Equal(["Shelter"], info.ResponseTypes);
        Assert.Equal(("Expected", "Severe", "Likely"), (info.Urgency, info.Severity, info.Certainty));
        Assert.Equal(new CapValue("WindLevel", "10"), Assert.Single(info.Parameters));
        var area = Assert.Single(info.Areas);
        Assert.Equal("Xã Tiền Phong", area.AreaDesc);
        Assert.Equal([new CapValue("VN-ADMIN", "08980"), new CapValue("FIPS6", "12345")], area.Geocodes);
        Assert.Empty(CapValidator.Validate(alert));
    }

    [Fact]
    public void Reads_polygons_circles_and_resources()
    {
        var polygon = Parse(CapSample.Text("alert-polygon.xml")).Alert!.ChooseInfo()!;
        Assert.Equal("21.00,105.80 21.00,105.90 21.10,105.90 21.10,105.80 21.00,105.80", Assert.Single(Assert.Single(polygon.Areas).Polygons));
        var circle = Parse(CapSample.Text("alert-circle.xml")).Alert!.ChooseInfo()!;
        Assert.Equal("21.05,105.85 5", Assert.Single(Assert.Single(circle.Areas).Circles));
        var audio = Parse(CapSample.Text("alert-audio.xml", ("AUDIO", "UklGRg=="))).Alert!.ChooseInfo()!;
        var resource = Assert.Single(audio.Resources);
        Assert.Equal(("Thông báo sơ tán", "audio/wav", "UklGRg=="), (resource.ResourceDesc, resource.MimeType, resource.DerefUri));
    }

    [Fact]
    public void A_dtd_with_an_external_entity_is_refused_without_reading_the_entity()
    {
        var result = Parse(File.ReadAllText(Path.Combine(CapSample.Folder, "invalid-xxe.xml")));

        Assert.Null(result.Alert);
        Assert.Contains("DTD", Assert.Single(result.Errors));
        Assert.DoesNotContain("root:", result.Errors[0]);
    }

    [Fact]
    public void Entity_expansion_bombs_are_refused()
    {
        const string laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol2;</identifier></alert>
            """;
        Assert.Contains("DTD", Assert.Single(Parse(laughs).Errors));
    }

    [Fact]
    public void Not_xml_empty_and_oversized_bodies_are_refused_clearly()
    {
        Assert.Contains("not well-formed XML", Assert.Single(Parse("{\"identifier\":\"x\"}").Errors));
        Assert.Contains("empty", Assert.Single(CapParser.Parse([]).Errors));
        var big = CapSample.Text("alert-geocode.xml").Replace("<note>", "") + new string(' ', 5000);
        Assert.Contains("limited to 4096 bytes", Assert.Single(Parse(big, max: 4096).Errors));
    }

    [Fact]
    public void The_wrong_namespace_or_root_is_refused()
    {
        var old = Parse(File.ReadAllText(Path.Combine(CapSample.Folder, "invalid-namespace.xml")));
        Assert.Contains("urn:oasis:names:tc:emergency:cap:1.1", Assert.Single(old.Errors));
        Assert.Contains("root element is <feed>", Assert.Single(Parse("<feed xmlns='urn:oasis:names:tc:emergency:cap:1.2'/>").Errors));
    }

    [Fact]
    public void Deep_or_huge_trees_are_refused_before_they_are_built()
    {
        var deep = "<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'>" + string.Concat(Enumerable.Repeat("<info>", 40)) + string.Concat(Enumerable.Repeat("</info>", 40)) + "</alert>";
        Assert.Contains("nested deeper", Assert.Single(Parse(deep).Errors));
        var wide = "<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'>" + string.Concat(Enumerable.Repeat("<code>x</code>", CapParser.MaxElements + 1)) + "</alert>";
        Assert.Contains("more than", Assert.Single(Parse(wide).Errors));
    }

    [Fact]
    public void Unknown_repeated_and_foreign_elements_are_each_reported()
    {
        var xml = CapSample.Text("alert-polygon.xml")
            .Replace("<scope>Public</scope>", "<scope>Public</scope><scope>Private</scope><colour>red</colour><x:y xmlns:x='urn:other'>1</x:y>")
            .Replace("<headline>", "<headline><b>bold</b>");

        var result = Parse(xml);

        Assert.Contains(result.Errors, e => e.Contains("<scope> appears 2 times"));
        Assert.Contains(result.Errors, e => e.Contains("<colour> is not a CAP 1.2 element"));
        Assert.Contains(result.Errors, e => e.Contains("namespace 'urn:other'"));
        Assert.Contains(result.Errors, e => e.Contains("alert/info[1]/headline: holds elements"));
    }

    [Fact]
    public void An_xml_signature_at_the_end_is_accepted()
    {
        var xml = CapSample.Text("alert-polygon.xml").Replace("</alert>",
            "<Signature xmlns='http://www.w3.org/2000/09/xmldsig#'><SignedInfo/></Signature></alert>");
        Assert.True(Parse(xml).IsOk);
    }

    [Fact]
    public void Without_a_vietnamese_block_the_first_without_language_then_the_first_is_chosen()
    {
        CapAlert Alert(params string?[] languages) => new() { Infos = languages.Select(l => new CapInfo { Language = l }).ToArray() };
        Assert.Equal("vi", Alert("en-US", "vi").ChooseInfo()!.Language);
        Assert.Null(Alert("en-US", null).ChooseInfo()!.Language);
        Assert.Equal("fr", Alert("fr", "en").ChooseInfo()!.Language);
        Assert.Null(Alert().ChooseInfo());
    }
}
