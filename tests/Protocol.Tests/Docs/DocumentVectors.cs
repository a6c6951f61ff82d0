using InfoRadio.Protocol.Audio;
using InfoRadio.Protocol.Messages;
using InfoRadio.Protocol.Tests.Support;

namespace InfoRadio.Protocol.Tests.Docs;

/// <summary>
/// The values behind every test vector of docs/protocol.md, section "Test vectors". The document gives the bytes; this
/// file gives what they mean, and <see cref="ProtocolDocument_Tests"/> checks both directions.
/// </summary>
public static class DocumentVectors
{
    /// <summary>2026-01-01T00:00:00Z, 07:00 in Vietnam: a morning broadcast.</summary>
    public const long T = 1_767_225_600_000_000;

    public static readonly IReadOnlyDictionary<string, AudioPacket> Audio = new Dictionary<string, AudioPacket>
    {
        ["audio-first"] = new()
        {
            Stream = 7, Sequence = 0, Position = 0, FrameSamples = 960, Flags = AudioPacketFlags.Start,
            Frames = [Packets.OpusSilence, Packets.OpusSilence],
        },
        ["audio-lost-frame"] = new()
        {
            Stream = 7, Sequence = 258, Position = 240_000, FrameSamples = 960,
            Frames = [Packets.OpusSilence, Array.Empty<byte>(), new byte[] { 0xF8 }],
        },
        ["audio-end-only"] = new()
        {
            Stream = 7, Sequence = 259, Position = 242_880, FrameSamples = 960, Flags = AudioPacketFlags.End, Frames = [],
        },
        ["audio-wide-fields"] = new()
        {
            Stream = 4_000_000_000, Sequence = uint.MaxValue, Position = 4_294_968_256, FrameSamples = 960,
            Flags = AudioPacketFlags.Discontinuity | AudioPacketFlags.End, Frames = [Packets.OpusSilence],
        },
    };

    /// <summary>Packets a v1 parser must reject, with a fragment of the reason our parser gives.</summary>
    public static readonly IReadOnlyDictionary<string, string> Rejected = new Dictionary<string, string>
    {
        ["reject-version"] = "unsupported packet version 2",
        ["reject-flags"] = "unknown flag bits 0x08",
        ["reject-codec"] = "unknown codec 2",
        ["reject-no-frames"] = "a packet without frames must carry the end flag",
        ["reject-stream-0"] = "stream id 0 is reserved",
        ["reject-frame-size"] = "1000 samples is not an Opus frame size at 48 kHz",
        ["reject-past-end"] = "frame 1 runs past the end of the packet",
        ["reject-trailing"] = "1 bytes follow the last frame",
        ["reject-frame-too-long"] = "frame 0 claims 1276 bytes, more than 1275",
        ["reject-position"] = "position beyond 2^53 - 1",
    };

    private static readonly SessionInfo News = new()
    {
        Session = "s-0700-news", Stream = 7, Priority = PriorityClass.Normal, Origin = OriginLevel.Commune,
        EpochUs = T, LatencyMs = 1000, FrameSamples = 960, Title = "Bản tin sáng",
    };

    private static readonly DeviceConfig Config = new()
    {
        Version = 4, Volume = 70, EmergencyVolume = 100, TelemetryIntervalS = 60, LatencyProfile = LatencyProfile.Standard,
        Relays = new RelayDelays { PowerOnDelayMs = 500, AmplifierOnDelayMs = 200, AmplifierOffDelayMs = 3000, PowerOffDelayMs = 1000 },
    };

    private static readonly SessionInfo Flood = new()
    {
        Session = "e-flood-12", Stream = 8, Priority = PriorityClass.Emergency, Origin = OriginLevel.Province,
        EpochUs = T + 60_000_000, LatencyMs = 1000, FrameSamples = 960, Volume = 100, Title = "Flood warning",
    };

    /// <summary>Each JSON vector: its value, its encoder and its parser (null when accepted, else the reason).</summary>
    public static readonly IReadOnlyDictionary<string, (object Message, Func<byte[]> Encode, Func<byte[], object?> Parse)> Json =
        new Dictionary<string, (object, Func<byte[]>, Func<byte[], object?>)>
        {
            ["json-desired-state"] = Of(new DesiredState { Rev = 43, IssuedUs = T + 59_500_000, Sessions = [News, Flood] }),
            ["json-desired-state-next"] = Of(new DesiredState
            {
                Rev = 45, IssuedUs = T + 59_500_000, Sessions = [News],
                Next = new NextItem { Title = "Weather", Program = "p-weather", StartUs = T + 900_000_000 },
            }),
            ["json-play-plan"] = Of(new PlayPlan
            {
                Rev = 12, IssuedUs = T, ContentUrl = "https://controller.example/device-api/content/",
                Items =
                [
                    new PlanItem
                    {
                        Id = "p-morning-news-1767232800", Program = "morning-news", Title = "Morning news", StartUs = T + 7_200_000_000,
                        Priority = PriorityClass.Normal, Origin = OriginLevel.Commune,
                        Content = new PlanContent { Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Bytes = 1_843_200, Samples = 28_800_000 },
                    },
                ],
            }),
            ["json-desired-state-config"] = Of(new DesiredState { Rev = 46, IssuedUs = T + 60_000_000, Sessions = [], Config = Config }),
            ["json-device-config"] = Of(Config),
            ["json-reported-state-config"] = Of(new ReportedState
            {
                Online = true, AtUs = T + 61_200_000, Firmware = "acme-loa 2.4.1", Volume = 70, DesiredRev = 46, ConfigVersion = 4,
            }),
            ["json-desired-state-empty"] = Of(new DesiredState { Rev = 44, IssuedUs = T + 600_000_000, Sessions = [] }),
            ["json-reported-state"] = Of(new ReportedState
            {
                Online = true, AtUs = T + 61_100_000, Firmware = "acme-loa 2.4.1", Session = "e-flood-12", Volume = 100, DesiredRev = 43,
            }),
            ["json-last-will"] = Of(new ReportedState { Online = false }),
            ["json-telemetry"] = Of(new Telemetry
            {
                AtUs = T + 120_000_000, Serial = "ACME-000123", Imei = "356938035643809", Firmware = "acme-loa 2.4.1", Network = "4g",
                SignalDbm = -87, Ip = "10.64.12.7", Volume = 70, Session = "e-flood-12", PlaySecondsToday = 1800, TemperatureC = 41.5,
                SupplyVolts = 12.6, MainsLost = false, AmplifierFault = "ok", SpeakerFault = "open", Latitude = 21.0285,
                Longitude = 105.8542, UptimeS = 86_400, Underruns = 3,
            }),
            ["json-event-play-started"] = Of(new DeviceEvent
            {
                Id = "3f2504e04f8941d39a0c0305e82c3301", Type = DeviceEventType.PlayStarted, AtUs = T + 1_000_000,
                Session = "s-0700-news", Position = 0,
            }),
            ["json-event-underrun"] = Of(new DeviceEvent
            {
                Id = "9b1de5a0c6e44d0f8a7e2b9c4d3f1a22", Type = DeviceEventType.Underrun, AtUs = T + 31_000_000,
                Session = "s-0700-news", Position = 1_440_000, Underruns = 4,
            }),
            ["json-event-play-interrupted"] = Of(new DeviceEvent
            {
                Id = "0c9e7d1a2b3c4d5e6f708192a3b4c5d6", Type = DeviceEventType.PlayInterrupted, AtUs = T + 61_000_000,
                Session = "s-0700-news", Position = 2_880_000, Underruns = 4, Reason = "preempted by e-flood-12",
            }),
            ["json-command-set-volume"] = Of(new DeviceCommand
            {
                Id = "c-7f3a", Type = DeviceCommandType.SetVolume, IssuedUs = T + 3_600_000_000, Volume = 80,
            }),
            ["json-command-rotate-secret"] = Of(new DeviceCommand
            {
                Id = "c-81d0", Type = DeviceCommandType.RotateSecret, IssuedUs = T + 7_200_000_000, Secret = "Qm4Hx9Tz2Kc7Wv1Rn5Bp8Ld3Fs6Gy0Ja",
            }),
            ["json-enrollment-request"] = Of(new EnrollmentRequest
            {
                Serial = "ACME-000123", Firmware = "acme-loa 2.4.1", Imei = "356938035643809",
                PublicKey = "BNq6ntZ4FYd/PewlH9TMk/URqoofQPdBqxZH9HhBfZC7mBn/p413cHHntmU8Bm1VXbJ9rKyCD2mCJrUkNzOYbgc=", SentUs = T + 5_000_000,
            }),
            ["json-enrollment-pending"] = Of(new EnrollmentResponse
            {
                Serial = "acme-000123", Status = EnrollmentStatus.Pending, KeyFingerprint = "608b-2fe1-43a8-a52a", SentUs = T + 5_020_000,
            }),
            ["json-enrollment-approved"] = Of(new EnrollmentResponse
            {
                Serial = "acme-000123", Status = EnrollmentStatus.Approved, KeyFingerprint = "608b-2fe1-43a8-a52a", SentUs = T + 905_000_000,
                Credentials = new CredentialEnvelope
                {
                    Alg = "ecdh-p256-hkdf-sha256-aes256gcm",
                    EphemeralKey = "BMazErBVFdk81UTl15sOFZWgiUstJ3crUMvkWLSQQAA3KDXQzRRAWb78YRYiHNavRSZY7UW6jVdoaywcuFq5t7U=",
                    Nonce = "AAAAAAAAAAAAAAAA",
                    Ciphertext = "m05Z/O/Lk3sFDUcgIaC/aSFJKW/p1Y3ZGduu+w/Z1Z/PMGxjc6nyqD7mXCvlydPc3v3oqNgUTDPh7AIwjwWJFa3VXNhKqg==",
                    Tag = "awo8GvBgnyou3vrnWnzW9Q==",
                },
            }),
            ["json-enrollment-rejected"] = Of(new EnrollmentResponse
            {
                Serial = "acme-000123", Status = EnrollmentStatus.Rejected, KeyFingerprint = "608b-2fe1-43a8-a52a", Reason = "not ours", SentUs = T + 905_000_000,
            }),
            ["json-enrolled-credentials"] = Of(Enroll.Credentials),
            ["json-clock-request"] = Of(new ClockSyncRequest { Seq = 17, T0Us = Clock.T0 }),
            ["json-clock-response"] = Of(new ClockSyncResponse { Seq = 17, T0Us = Clock.T0, T1Us = Clock.T1, T2Us = Clock.T2 }),
        };

    /// <summary>
    /// The worked enrollment: fixed P-256 keys (device and the controller's ephemeral one) and a zero nonce, so the
    /// sealed credentials are reproducible. Real ones are random every time.
    /// </summary>
    public static class Enroll
    {
        public const string DevicePrivate = "8d241509f57c2c8c4c40157c08eae74baff508de6a93be9aabed3ffa2fbcb44c";
        public const string DevicePublic = "04daba9ed67815877f3dec251fd4cc93f511aa8a1f40f741ab1647f478417d90bb9819ffa78d777071e7b6653c066d555db27dacac820f698226b5243733986e07";
        public const string EphemeralPrivate = "ac2257f5f742a5f62a7958d42094aac73cf1a0d4057d76cb8b0b0df5b0320c1d";
        public const string EphemeralPublic = "04c6b312b05515d93cd544e5d79b0e1595a0894b2d27772b50cbe458b4904000372835d0cd144059befc6116221cd6af452658ed45ba8d57686b2c1cb85ab9b7b5";
        public const string Serial = "acme-000123";
        public static readonly EnrolledCredentials Credentials = new() { DeviceId = "acme-000123", Secret = "Zr0tQ8vWk3Jm5Yp1Lx7Nc2Hb9Df4Gs6A" };

        public static System.Security.Cryptography.ECDiffieHellman Key(string privateHex, string publicHex)
        {
            var point = Convert.FromHexString(publicHex);
            return System.Security.Cryptography.ECDiffieHellman.Create(new System.Security.Cryptography.ECParameters
            {
                Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
                D = Convert.FromHexString(privateHex),
                Q = new System.Security.Cryptography.ECPoint { X = point[1..33], Y = point[33..] },
            });
        }
    }

    /// <summary>The worked clock exchange: device 250 ms behind, 20 ms up, 30 ms down, 150 µs in the controller.</summary>
    public static class Clock
    {
        public const long T0 = T + 10_000_000;
        public const long T1 = T0 + 250_000 + 20_000;
        public const long T2 = T1 + 150;
        public const long T3 = T2 - 250_000 + 30_000;
        public const long OffsetUs = 245_000;
        public const long RoundTripUs = 50_000;
    }

    private static (object, Func<byte[]>, Func<byte[], object?>) Of<T>(T message) where T : class, IValidatable =>
        (message, () => MessageCodec.Encode(message), bytes => MessageCodec.Parse<T>(bytes) is var r && r.IsOk ? r.Value : r.Error);
}
