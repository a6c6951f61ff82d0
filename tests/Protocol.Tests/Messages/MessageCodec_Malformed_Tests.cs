using System.Text;
using System.Text.Json.Nodes;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Messages;

/// <summary>
/// Hostile and broken input that every JSON message type must reject with a reason (and never throw on), run against
/// each type's hand-written valid sample. Type-specific value rules live in the MessageCodec_&lt;Message&gt;_Tests files.
/// </summary>
public class MessageCodec_Malformed_Tests
{
    public static TheoryData<string> Names => MessageKind.Names;
    public static TheoryData<string, string> RequiredFields => MessageKind.Fields(k => k.RequiredFields);
    public static TheoryData<string, string> OptionalFields => MessageKind.Fields(k => k.OptionalFields);
    // ReportedState.atUs may be left out (the Last Will has 0) but is a number when present.
    public static TheoryData<string, string> NullableFields =>
        MessageKind.Fields(k => k.OptionalFields.Where(f => (k.Name, f) != ("ReportedState", "atUs")));
    public static TheoryData<string, string> AllFields => MessageKind.Fields(k => k.RequiredFields.Concat(k.OptionalFields));

    private static MessageKind Kind(string name) => MessageKind.All[name];

    private static JsonObject ValidObject(string name) => JsonNode.Parse(Kind(name).ValidJson)!.AsObject();

    [Theory, MemberData(nameof(Names))]
    public void The_valid_sample_is_accepted(string name) =>
        Assert.Null(Kind(name).ErrorOfJson(Kind(name).ValidJson));

    [Theory, MemberData(nameof(Names))]
    public void Empty_payload_is_rejected(string name) =>
        Assert.Equal("empty payload", Kind(name).ErrorOf([]));

    [Theory, MemberData(nameof(Names))]
    public void JSON_null_is_rejected(string name) =>
        Assert.Equal("payload is JSON null", Kind(name).ErrorOfJson("null"));

    public static TheoryData<string, string> NotAnObject()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in MessageKind.All.Keys)
        {
            foreach (var text in new[] { "hello", "{", "}", " ", "\"text\"", "42", "true", "[]", "[{}]", "{}{}", "<xml/>" })
                data.Add(name, text);
            data.Add(name, "[" + MessageKind.All[name].ValidJson + "]");
            data.Add(name, MessageKind.All[name].ValidJson[..^1]);
            data.Add(name, MessageKind.All[name].ValidJson + "x");
            data.Add(name, MessageKind.All[name].ValidJson + MessageKind.All[name].ValidJson);
        }
        return data;
    }

    [Theory, MemberData(nameof(NotAnObject))]
    public void Anything_but_one_JSON_object_is_rejected(string name, string text)
    {
        var error = Kind(name).ErrorOfJson(text);
        Assert.NotNull(error);
        Assert.StartsWith("malformed JSON", error);
    }

    [Theory, MemberData(nameof(Names))]
    public void Trailing_whitespace_is_allowed(string name) =>
        Assert.Null(Kind(name).ErrorOfJson(Kind(name).ValidJson + " \r\n\t"));

    [Theory, MemberData(nameof(RequiredFields))]
    public void A_missing_required_field_is_rejected_by_name(string name, string field)
    {
        var json = ValidObject(name);
        Assert.True(json.Remove(field));
        var error = Kind(name).ErrorOfJson(json.ToJsonString());
        Assert.NotNull(error);
        Assert.Contains("missing required properties", error);
        Assert.Contains($"'{field}'", error);
    }

    [Theory, MemberData(nameof(OptionalFields))]
    public void An_optional_field_may_be_left_out(string name, string field)
    {
        var json = ValidObject(name);
        Assert.True(json.Remove(field));
        Assert.Null(Kind(name).ErrorOfJson(json.ToJsonString()));
    }

    [Theory, MemberData(nameof(NullableFields))]
    public void An_optional_field_may_be_null(string name, string field)
    {
        var json = ValidObject(name);
        json[field] = null;
        Assert.Null(Kind(name).ErrorOfJson(json.ToJsonString()));
    }

    [Theory, MemberData(nameof(AllFields))]
    public void A_field_of_the_wrong_JSON_type_is_rejected(string name, string field)
    {
        var json = ValidObject(name);
        json[field] = json[field]!.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => JsonValue.Create(1),
            System.Text.Json.JsonValueKind.Number => JsonValue.Create("1"),
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => JsonValue.Create("true"),
            System.Text.Json.JsonValueKind.Array => new JsonObject(),
            _ => new JsonArray(),
        };
        var error = Kind(name).ErrorOfJson(json.ToJsonString());
        Assert.NotNull(error);
        Assert.StartsWith("malformed JSON", error);
    }

    [Theory, MemberData(nameof(AllFields))]
    public void A_repeated_field_is_rejected_by_name(string name, string field)
    {
        var value = ValidObject(name)[field]!.ToJsonString();
        var valid = Kind(name).ValidJson;
        var error = Kind(name).ErrorOfJson($"{{\"{field}\":{value},{valid[1..]}");
        Assert.NotNull(error);
        Assert.Contains($"Duplicate property '{field}'", error);
    }

    [Theory, MemberData(nameof(Names))]
    public void A_repeated_field_spelled_with_an_escape_is_still_a_repeat(string name)
    {
        // "\u0076" is "v": a parser that compares raw bytes would miss this repeat.
        var error = Kind(name).ErrorOfJson("{\"\\u0076\":1," + Kind(name).ValidJson[1..]);
        Assert.NotNull(error);
        Assert.Contains("Duplicate property 'v'", error);
    }

    [Theory, MemberData(nameof(Names))]
    public void A_trailing_comma_is_rejected(string name)
    {
        var error = Kind(name).ErrorOfJson(Kind(name).ValidJson[..^1] + ",}");
        Assert.NotNull(error);
        Assert.Contains("trailing comma", error);
    }

    [Theory]
    [InlineData("/* note */")]
    [InlineData("// note\n")]
    public void Comments_are_rejected(string comment)
    {
        foreach (var kind in MessageKind.All.Values)
        {
            var error = kind.ErrorOfJson("{" + comment + kind.ValidJson[1..]);
            Assert.NotNull(error);
            Assert.StartsWith("malformed JSON", error);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(255)]
    public void A_version_other_than_1_is_rejected(int version)
    {
        foreach (var kind in MessageKind.All.Values)
        {
            var json = ValidObject(kind.Name);
            json["v"] = version;
            Assert.Equal($"unsupported version {version}", kind.ErrorOfJson(json.ToJsonString()));
        }
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e0")]
    [InlineData("\"1\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("01")]
    [InlineData("+1")]
    [InlineData("4294967297")]
    public void The_version_must_be_the_plain_integer_1(string version)
    {
        foreach (var kind in MessageKind.All.Values)
        {
            var error = kind.ErrorOfJson("{\"v\":" + version + kind.ValidJson[6..]);
            Assert.NotNull(error);
            Assert.StartsWith("malformed JSON", error);
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void A_payload_of_exactly_16_KiB_is_accepted_and_one_byte_more_is_rejected(string name)
    {
        var valid = Kind(name).ValidJson;
        var atLimit = valid + new string(' ', ProtocolVersion.MaxJsonBytes - valid.Length);
        Assert.Equal(16 * 1024, Encoding.UTF8.GetByteCount(atLimit));
        Assert.Null(Kind(name).ErrorOfJson(atLimit));
        Assert.Equal("payload of 16385 bytes exceeds 16384", Kind(name).ErrorOfJson(atLimit + " "));
    }

    [Theory, MemberData(nameof(Names))]
    public void A_huge_payload_is_rejected_before_it_is_read(string name) =>
        Assert.Equal("payload of 1048576 bytes exceeds 16384", Kind(name).ErrorOf(new byte[1024 * 1024]));

    [Theory, MemberData(nameof(Names))]
    public void Nesting_up_to_8_levels_is_read_and_deeper_is_rejected(string name)
    {
        // The message object is level 1, so an extra field may nest 7 more containers.
        static string Nested(int levels) => string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels);
        var valid = Kind(name).ValidJson;
        Assert.Null(Kind(name).ErrorOfJson("{\"extra\":" + Nested(7) + "," + valid[1..]));
        var error = Kind(name).ErrorOfJson("{\"extra\":" + Nested(8) + "," + valid[1..]);
        Assert.NotNull(error);
        Assert.Contains("maximum configured depth of 8", error);
    }

    [Theory, MemberData(nameof(Names))]
    public void Thousands_of_open_brackets_are_rejected_without_a_stack_overflow(string name)
    {
        var error = Kind(name).ErrorOfJson(new string('[', 16_000));
        Assert.NotNull(error);
        Assert.StartsWith("malformed JSON", error);
        error = Kind(name).ErrorOfJson("{\"extra\":" + string.Concat(Enumerable.Repeat("{\"a\":", 3000)));
        Assert.NotNull(error);
        Assert.Contains("depth", error);
    }

    public static TheoryData<string, string> InvalidUtf8()
    {
        var data = new TheoryData<string, string>();
        // Lone continuation, bad continuation, overlong '/', UTF-16 surrogate, above U+10FFFF, truncated sequence, 0xFF.
        foreach (var hex in new[] { "80", "C328", "C0AF", "EDA080", "F4908080", "E282", "FF" })
            foreach (var name in MessageKind.All.Keys) data.Add(name, hex);
        return data;
    }

    [Theory, MemberData(nameof(InvalidUtf8))]
    public void Invalid_UTF8_is_rejected_even_in_a_field_nobody_reads(string name, string hex)
    {
        var valid = Kind(name).ValidJson;
        byte[] payload = [.. Encoding.UTF8.GetBytes("{\"extra\":\"a"), .. Convert.FromHexString(hex), .. Encoding.UTF8.GetBytes("\"," + valid[1..])];
        Assert.Equal("payload is not valid UTF-8", Kind(name).ErrorOf(payload));
    }

    [Theory, MemberData(nameof(Names))]
    public void A_byte_order_mark_is_rejected(string name)
    {
        byte[] payload = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Kind(name).ValidJson)];
        var error = Kind(name).ErrorOf(payload);
        Assert.NotNull(error);
        Assert.StartsWith("malformed JSON", error);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x07)]
    [InlineData(0x0A)]
    [InlineData(0x1F)]
    public void A_raw_control_character_inside_a_string_is_rejected(byte control)
    {
        foreach (var kind in MessageKind.All.Values)
        {
            byte[] payload = [.. Encoding.UTF8.GetBytes("{\"extra\":\"a"), control, .. Encoding.UTF8.GetBytes("\"," + kind.ValidJson[1..])];
            var error = kind.ErrorOf(payload);
            Assert.NotNull(error);
            Assert.StartsWith("malformed JSON", error);
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void Unknown_fields_are_ignored_so_later_minor_versions_can_add_some(string name)
    {
        var valid = Kind(name).ValidJson;
        Assert.Null(Kind(name).ErrorOfJson("{\"future\":{\"list\":[1,2.5,\"x\",null,true]},\"V\":99," + valid[1..]));
    }

    [Theory, MemberData(nameof(Names))]
    public void Field_names_are_case_sensitive(string name)
    {
        // "V" is an unknown field, so "v" is still missing.
        var json = ValidObject(name);
        json.Remove("v");
        json["V"] = 1;
        var error = Kind(name).ErrorOfJson(json.ToJsonString());
        Assert.NotNull(error);
        Assert.Contains("'v'", error);
    }

    [Theory, MemberData(nameof(Names))]
    public void Field_order_does_not_matter(string name)
    {
        var json = ValidObject(name);
        var reversed = new JsonObject(json.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        Assert.Null(Kind(name).ErrorOfJson(reversed.ToJsonString()));
    }
}
