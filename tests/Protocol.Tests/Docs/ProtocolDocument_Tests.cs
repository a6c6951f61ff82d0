using System.Text;
using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Clock;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;
using InfoRadio.Protocol.Topics;

namespace InfoRadio.Protocol.Tests.Docs;

/// <summary>Every test vector of docs/protocol.md, both directions, byte for byte; and the document's numbers against the code's.</summary>
public class ProtocolDocument_Tests
{
    public static TheoryData<string> AudioNames => [.. DocumentVectors.Audio.Keys];
    public static TheoryData<string> RejectNames => [.. DocumentVectors.Rejected.Keys];
    public static TheoryData<string> JsonNames => [.. DocumentVectors.Json.Keys];

    [Fact]
    public void The_document_has_exactly_the_vectors_the_tests_know()
    {
        var known = DocumentVectors.Audio.Keys.Concat(DocumentVectors.Json.Keys).Append("clock-exchange").Append("timeline").Order();
        Assert.Equal(known, ProtocolDocument.Vectors.Keys.Order());
        Assert.Equal(DocumentVectors.Rejected.Keys.Order(), ProtocolDocument.Rejects.Keys.Order());
        Assert.True(DocumentVectors.Audio.Count >= 3);
    }

    [Theory, MemberData(nameof(AudioNames))]
    public void Audio_vector_encodes_to_the_documented_bytes(string name) =>
        Assert.Equal(Hex.Format(Hex.Parse(ProtocolDocument.Vectors[name])), Hex.Format(AudioPacketCodec.Encode(DocumentVectors.Audio[name])));

    [Theory, MemberData(nameof(AudioNames))]
    public void Audio_vector_decodes_to_the_documented_values(string name)
    {
        var packet = ParseAssert.Ok(AudioPacketCodec.Parse(Hex.Parse(ProtocolDocument.Vectors[name])));
        Packets.AssertEqual(DocumentVectors.Audio[name], packet);
    }

    [Fact]
    public void The_audio_vectors_show_frames_an_end_only_packet_and_a_lost_frame()
    {
        var packets = DocumentVectors.Audio.Values.ToArray();
        Assert.Contains(packets, p => p.Frames.Count > 1 && p.Frames.All(f => f.Length > 1));
        Assert.Contains(packets, p => p.IsEnd && p.Frames.Count == 0);
        Assert.Contains(packets, p => p.Frames.Any(f => f.Length == 0));
        Assert.Equal(242_880ul, DocumentVectors.Audio["audio-lost-frame"].EndPosition);
        Assert.Equal(DocumentVectors.Audio["audio-lost-frame"].EndPosition, DocumentVectors.Audio["audio-end-only"].Position);
    }

    [Theory, MemberData(nameof(RejectNames))]
    public void Invalid_audio_vector_is_rejected_for_the_documented_reason(string name) =>
        ParseAssert.Rejected(AudioPacketCodec.Parse(Hex.Parse(ProtocolDocument.Rejects[name])), DocumentVectors.Rejected[name]);

    [Theory, MemberData(nameof(JsonNames))]
    public void JSON_vector_is_one_exact_line(string name)
    {
        var block = ProtocolDocument.Vectors[name];
        Assert.EndsWith("\n", block);
        Assert.DoesNotContain('\n', block.TrimEnd('\n'));
        Assert.All(Encoding.UTF8.GetBytes(block), b => Assert.True(b < 0x80, "vectors are ASCII"));
    }

    [Theory, MemberData(nameof(JsonNames))]
    public void JSON_vector_encodes_to_the_documented_bytes(string name) =>
        Assert.Equal(JsonBytes(name), DocumentVectors.Json[name].Encode());

    [Theory, MemberData(nameof(JsonNames))]
    public void JSON_vector_parses_to_the_documented_values(string name)
    {
        var (expected, _, parse) = DocumentVectors.Json[name];
        var parsed = parse(JsonBytes(name));
        Assert.IsType(expected.GetType(), parsed);
        if (parsed is DesiredState desired)
        {
            var want = (DesiredState)expected;
            Assert.Equal((want.V, want.Rev, want.IssuedUs), (desired.V, desired.Rev, desired.IssuedUs));
            Assert.Equal(want.Sessions, desired.Sessions);
            Assert.Equal((want.Next, want.Config), (desired.Next, desired.Config));
        }
        else if (parsed is PlayPlan plan)
        {
            var want = (PlayPlan)expected;
            Assert.Equal((want.V, want.Rev, want.IssuedUs, want.ContentUrl), (plan.V, plan.Rev, plan.IssuedUs, plan.ContentUrl));
            Assert.Equal(want.Items, plan.Items);
        }
        else
        {
            Assert.Equal(expected, parsed);
        }
    }

    [Fact]
    public void Every_JSON_example_in_the_document_is_a_tested_vector()
    {
        var vectors = DocumentVectors.Json.Keys.Select(n => Encoding.UTF8.GetString(JsonBytes(n))).ToHashSet();
        var examples = ProtocolDocument.JsonLines().ToArray();
        Assert.True(examples.Length > vectors.Count, "section 8 repeats some vectors as examples");
        Assert.All(examples, line => Assert.Contains(line, vectors));
    }

    [Fact]
    public void The_vectors_cover_every_JSON_message_type()
    {
        var types = DocumentVectors.Json.Values.Select(v => v.Message.GetType()).ToHashSet();
        var all = typeof(IValidatable).Assembly.GetTypes().Where(t => typeof(IValidatable).IsAssignableFrom(t) && t.IsClass && t != typeof(SessionInfo) && t != typeof(NextItem) && t != typeof(CredentialEnvelope) && t != typeof(RelayDelays) && t != typeof(PlanItem) && t != typeof(PlanContent));
        Assert.Equal(all.OrderBy(t => t.Name), types.OrderBy(t => t.Name));
    }

    [Fact]
    public void The_approved_enrollment_vector_opens_with_the_documented_device_key_and_reseals_identically()
    {
        using var device = DocumentVectors.Enroll.Key(DocumentVectors.Enroll.DevicePrivate, DocumentVectors.Enroll.DevicePublic);
        using var ephemeral = DocumentVectors.Enroll.Key(DocumentVectors.Enroll.EphemeralPrivate, DocumentVectors.Enroll.EphemeralPublic);
        var approved = (EnrollmentResponse)DocumentVectors.Json["json-enrollment-approved"].Message;
        var opened = Protocol.Enrollment.CredentialSealer.Open(device, DocumentVectors.Enroll.Serial, approved.Credentials!, out var problem);
        Assert.Null(problem);
        Assert.Equal(DocumentVectors.Json["json-enrolled-credentials"].Message, opened);
        var request = (EnrollmentRequest)DocumentVectors.Json["json-enrollment-request"].Message;
        Assert.Equal(Convert.FromHexString(DocumentVectors.Enroll.DevicePublic), Convert.FromBase64String(request.PublicKey));
        Assert.Equal(approved.KeyFingerprint, Protocol.Enrollment.DeviceKeys.Fingerprint(Convert.FromBase64String(request.PublicKey)));
        var resealed = Protocol.Enrollment.CredentialSealer.Seal(Convert.FromBase64String(request.PublicKey), DocumentVectors.Enroll.Serial,
            DocumentVectors.Enroll.Credentials, ephemeral, new byte[12]);
        Assert.Equal(approved.Credentials, resealed);
    }

    [Fact]
    public void The_clock_exchange_vector_matches_the_maths()
    {
        var v = KeyValues("clock-exchange");
        var sample = new ClockSample(v["t0Us"], v["t1Us"], v["t2Us"], v["t3Us"]);
        Assert.Equal(v["roundTripUs"], sample.RoundTripUs);
        Assert.Equal(v["offsetUs"], sample.OffsetUs);
        Assert.Equal((DocumentVectors.Clock.T0, DocumentVectors.Clock.T1, DocumentVectors.Clock.T2, DocumentVectors.Clock.T3),
            (sample.T0Us, sample.T1Us, sample.T2Us, sample.T3Us));
        Assert.Equal((DocumentVectors.Clock.RoundTripUs, DocumentVectors.Clock.OffsetUs), (sample.RoundTripUs, sample.OffsetUs));
    }

    [Fact]
    public void The_timeline_vector_matches_the_playout_rule()
    {
        var v = KeyValues("timeline");
        var controllerUs = v["epochUs"] + v["position"] * 125 / 6 + v["latencyMs"] * 1000;
        Assert.Equal(v["controllerUs"], controllerUs);
        Assert.Equal((double)v["controllerUs"], v["epochUs"] + v["position"] * 1e6 / ProtocolVersion.SampleRate + v["latencyMs"] * 1e3);
        var clock = KeyValues("clock-exchange");
        var estimator = new ClockOffsetEstimator();
        Assert.True(estimator.Add(new ClockSample(clock["t0Us"], clock["t1Us"], clock["t2Us"], clock["t3Us"])));
        Assert.Equal(v["offsetUs"], estimator.OffsetUs);
        Assert.Equal(v["deviceUs"], estimator.ToDeviceUs(controllerUs));
    }

    [Fact]
    public void The_document_states_the_codes_limits()
    {
        var text = ProtocolDocument.Text;
        Assert.Contains($"{ProtocolVersion.MaxJsonBytes / 1000} {ProtocolVersion.MaxJsonBytes % 1000:000} bytes", text);
        Assert.Contains($"{AudioPacketCodec.MaxPacketSize / 1000} {AudioPacketCodec.MaxPacketSize % 1000:000} bytes", text);
        Assert.Contains($"Header size {AudioPacketCodec.HeaderSize} bytes", text);
        Assert.Contains($"N ≤ {AudioPacketCodec.MaxFrames}", text);
        Assert.Contains($"0 … {AudioPacketCodec.MaxFrameBytes}", text);
        Assert.Contains($"at most {AudioPacketCodec.MaxPosition}", text);
        Assert.Contains($"1 to {Identifiers.MaxLength} characters", text);
        Assert.Contains($"0 to {DesiredState.MaxSessions} entries", text);
        Assert.Contains("`" + TopicTree.Root + "`", text);
    }

    [Fact]
    public void The_topic_table_lists_every_topic_the_code_builds()
    {
        var topics = new[]
        {
            TopicTree.DeviceState("x"), TopicTree.DeviceTelemetry("x"), TopicTree.DeviceEvents("x"), TopicTree.ClockRequest("x"),
            TopicTree.ClockResponse("x"), TopicTree.DeviceDesired("x"), TopicTree.DeviceCommands("x"),
        }.Select(t => t.Replace("/x/", "/{device}/"))
            .Append(TopicTree.ZoneDesired("x").Replace("/x/", "/{zone}/"))
            .Append(TopicTree.StreamAudio(1).Replace("/1/", "/{stream}/"));
        foreach (var topic in topics)
            Assert.Contains($"| `{topic}` |", ProtocolDocument.Text);
    }

    private static byte[] JsonBytes(string name) => Encoding.UTF8.GetBytes(ProtocolDocument.Vectors[name].TrimEnd('\n'));

    private static Dictionary<string, long> KeyValues(string name) =>
        ProtocolDocument.Vectors[name].Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(kv => kv[0], kv => long.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture));
}
