using System.Security.Cryptography;
using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Enrollment;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;
using InfoRadio.Controller.Tests.Support;
using InfoRadio.Protocol.Enrollment;
using InfoRadio.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Enrollment;

/// <summary>The pending / approve / reject store on a real LiteDB file, with the keys and envelopes of the protocol.</summary>
public sealed class EnrollmentService_Tests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T02:00:00Z"));
    private readonly ECDiffieHellman _key = DeviceKeys.Create();
    private readonly ECDiffieHellman _otherKey = DeviceKeys.Create();
    private DeviceRegistry _registry = null!;
    private TargetDirectory _directory = null!;
    private EnrollmentService _service = null!;

    public EnrollmentService_Tests()
    {
        Open();
        _directory.ImportAreas([
            new AdministrativeArea("01", "Hà Nội", AdministrativeLevel.Province),
            new AdministrativeArea("08980", "Xã Tiền Phong", AdministrativeLevel.Commune, "01"),
            new AdministrativeArea("0898001", "Thôn Đông", AdministrativeLevel.Village, "08980"),
        ]);
        _directory.PutZone(new Zone("cho", "Khu chợ"));
    }

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
        _db.Dispose();
    }

    private void Open()
    {
        _registry = new DeviceRegistry(_db.Database, _time, new CapturingLogger<DeviceRegistry>(), iterations: 1000);
        _directory = new TargetDirectory(_db.Database, _registry, new CapturingLogger<TargetDirectory>());
        _service = new EnrollmentService(new EnrollmentStore(_db.Database), _registry, _directory, _time,
            Microsoft.Extensions.Options.Options.Create(new EnrollmentOptions { ReissueAfterSeconds = 20 }), new CapturingLogger<EnrollmentService>());
    }

    private void Reopen()
    {
        _db.Reopen();
        Open();
    }

    private static EnrollmentRequest Request(ECDiffieHellman key, string serial = "SN-0001") => new()
    {
        Serial = serial, Firmware = "fw 1.0", Imei = "356938035643809",
        PublicKey = Convert.ToBase64String(DeviceKeys.ExportPublic(key)), SentUs = 1_764_554_400_000_000,
    };

    [Fact]
    public void A_first_request_is_pending_with_the_key_fingerprint_and_survives_a_restart()
    {
        var answer = _service.OnRequest("sn-0001", Request(_key));
        Assert.Equal(EnrollmentStatus.Pending, answer!.Status);
        Assert.Equal(DeviceKeys.Fingerprint(DeviceKeys.ExportPublic(_key)), answer.KeyFingerprint);
        _time.Advance(TimeSpan.FromMinutes(5));
        _service.OnRequest("sn-0001", Request(_key));

        Reopen();
        var view = Assert.Single(_service.List(EnrollmentState.Pending));
        Assert.Equal(("sn-0001", "pending", "fw 1.0", "356938035643809"), (view.Serial, view.State, view.Firmware, view.Imei));
        Assert.Equal(answer.KeyFingerprint, view.KeyFingerprint);
        Assert.Equal(view.FirstSeenAt!.Value + TimeSpan.FromMinutes(5), view.LastSeenAt);
        Assert.False(view.Conflict);
        Assert.Empty(_registry.List());
    }

    [Fact]
    public void A_second_key_for_the_serial_is_flagged_and_never_answered_nor_adopted()
    {
        _service.OnRequest("sn-0001", Request(_key));
        Assert.Null(_service.OnRequest("sn-0001", Request(_otherKey)));
        Assert.Null(_service.OnRequest("sn-0001", Request(_otherKey)));
        var view = _service.Find("SN-0001")!;
        Assert.True(view.Conflict);
        Assert.Equal(2, view.Conflicts);
        Assert.Equal(DeviceKeys.Fingerprint(DeviceKeys.ExportPublic(_otherKey)), view.ConflictKeyFingerprint);
        Assert.Equal(DeviceKeys.Fingerprint(DeviceKeys.ExportPublic(_key)), view.KeyFingerprint);

        // Approval seals to the recorded key only.
        var (_, response) = _service.Approve("sn-0001", new ApprovalChoice(), "tech");
        Assert.Null(CredentialSealer.Open(_otherKey, "sn-0001", response.Credentials!, out _));
        Assert.NotNull(CredentialSealer.Open(_key, "sn-0001", response.Credentials!, out _));
        Assert.Null(_service.OnRequest("sn-0001", Request(_otherKey)));
        Assert.Equal(3, _service.Conflicts);
        Assert.Equal(3, _service.Find("sn-0001")!.Conflicts);
    }

    [Fact]
    public void Approval_registers_and_places_the_device_and_seals_a_secret_that_works()
    {
        _service.OnRequest("sn-0001", Request(_key));
        var (view, response) = _service.Approve("sn-0001", new ApprovalChoice(Village: "0898001", Zones: ["cho"], Name: "Loa chợ"), "tech");
        Assert.Equal(("approved", "sn-0001", "tech"), (view.State, view.DeviceId, view.DecidedBy));
        Assert.Equal(EnrollmentStatus.Approved, response.Status);
        var credentials = CredentialSealer.Open(_key, "sn-0001", response.Credentials!, out var problem);
        Assert.Null(problem);
        Assert.Equal("sn-0001", credentials!.DeviceId);
        Assert.True(_registry.VerifySecret("sn-0001", credentials.Secret));
        var device = _registry.Find("sn-0001")!;
        Assert.Equal(("Loa chợ", "0898001"), (device.Name, device.VillageCode));
        Assert.Equal(["cho"], device.Zones);

        var again = Assert.Throws<EnrollmentException>(() => _service.Approve("sn-0001", new ApprovalChoice(), "tech"));
        Assert.Equal(EnrollmentError.Conflict, again.Error);
    }

    [Fact]
    public void Approval_checks_id_and_placement_and_registers_nothing_when_refused()
    {
        Assert.Equal(EnrollmentError.NotFound, Assert.Throws<EnrollmentException>(() => _service.Approve("nobody", new ApprovalChoice(), "tech")).Error);
        _service.OnRequest("sn-0001", Request(_key));
        Assert.Equal(EnrollmentError.Invalid, Assert.Throws<EnrollmentException>(() => _service.Approve("sn-0001", new ApprovalChoice(Zones: ["ghost"]), "tech")).Error);
        Assert.Equal(EnrollmentError.Invalid, Assert.Throws<EnrollmentException>(() => _service.Approve("sn-0001", new ApprovalChoice(Village: "08980"), "tech")).Error);
        Assert.Equal(EnrollmentError.Invalid, Assert.Throws<EnrollmentException>(() => _service.Approve("sn-0001", new ApprovalChoice(Id: "Bad Id"), "tech")).Error);
        Assert.Equal(EnrollmentError.Invalid, Assert.Throws<EnrollmentException>(() => _service.Approve("sn-0001", new ApprovalChoice(Id: "controller"), "tech")).Error);
        _registry.Register("taken", null);
        Assert.Equal(EnrollmentError.Conflict, Assert.Throws<EnrollmentException>(() => _service.Approve("sn-0001", new ApprovalChoice(Id: "taken"), "tech")).Error);
        Assert.Equal(["taken"], _registry.List().Select(d => d.Id));
        Assert.Equal("pending", _service.Find("sn-0001")!.State);
    }

    [Fact]
    public void A_missed_approval_is_reissued_with_a_fresh_secret_until_the_device_connects()
    {
        _service.OnRequest("sn-0001", Request(_key));
        var (_, first) = _service.Approve("sn-0001", new ApprovalChoice(), "tech");
        var firstSecret = CredentialSealer.Open(_key, "sn-0001", first.Credentials!, out _)!.Secret;

        // Too soon after the approval: the answer may still be on its way.
        Assert.Null(_service.OnRequest("sn-0001", Request(_key)));
        _time.Advance(TimeSpan.FromSeconds(30));
        var second = _service.OnRequest("sn-0001", Request(_key));
        var secondSecret = CredentialSealer.Open(_key, "sn-0001", second!.Credentials!, out _)!.Secret;
        Assert.NotEqual(firstSecret, secondSecret);
        Assert.False(_registry.VerifySecret("sn-0001", firstSecret));
        Assert.True(_registry.VerifySecret("sn-0001", secondSecret));

        // Once the device reported in with its credentials, a request gets nothing more.
        _time.Advance(TimeSpan.FromSeconds(1));
        _registry.ApplyReportedState("sn-0001", new ReportedState { Online = true, AtUs = 1_764_554_400_000_000 });
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(_service.OnRequest("sn-0001", Request(_key)));
        Assert.True(_registry.VerifySecret("sn-0001", secondSecret));
    }

    [Fact]
    public void Rejection_is_answered_kept_and_a_later_approval_still_works()
    {
        _service.OnRequest("sn-0001", Request(_key));
        var (view, answer) = _service.Reject("SN-0001", "not ours", "tech");
        Assert.Equal(("rejected", "not ours"), (view.State, view.Reason));
        Assert.Equal((EnrollmentStatus.Rejected, "not ours"), (answer!.Status, answer.Reason));
        Reopen();
        Assert.Equal(EnrollmentStatus.Rejected, _service.OnRequest("sn-0001", Request(_key))!.Status);
        Assert.Single(_service.List(EnrollmentState.Rejected));
        var (approved, _) = _service.Approve("sn-0001", new ApprovalChoice(), "admin");
        Assert.Equal("approved", approved.State);
        Assert.Equal(EnrollmentError.Conflict, Assert.Throws<EnrollmentException>(() => _service.Reject("sn-0001", null, "tech")).Error);
    }

    [Fact]
    public void A_request_whose_serial_is_not_the_topic_s_or_whose_key_is_off_the_curve_is_dropped()
    {
        Assert.Null(_service.OnRequest("sn-0002", Request(_key, "SN-0001")));
        var point = DeviceKeys.ExportPublic(_key);
        point[64] ^= 1;
        Assert.Null(_service.OnRequest("sn-0001", Request(_key) with { PublicKey = Convert.ToBase64String(point) }));
        Assert.Empty(_service.List());
        Assert.Equal(2, _service.Ignored);
    }

    [Fact]
    public void A_pre_registered_serial_keeps_its_placement_and_approval_without_choices_uses_it()
    {
        var (created, updated) = _service.PreRegister([new PreRegistration("sn-0009", "Loa đình", "0898001", 21.03, 105.85, ["cho"])]);
        Assert.Equal((1, 0), (created, updated));
        Assert.Equal("preregistered", _service.Find("sn-0009")!.State);
        Assert.Equal(EnrollmentError.Conflict, Assert.Throws<EnrollmentException>(() => _service.Approve("sn-0009", new ApprovalChoice(), "tech")).Error);

        _service.OnRequest("sn-0009", Request(_key, "SN-0009"));
        var pending = _service.Find("sn-0009")!;
        Assert.True(pending.PreRegistered);
        Assert.Equal(("pending", "0898001"), (pending.State, pending.Village));
        _service.Approve("sn-0009", new ApprovalChoice(), "tech");
        var device = _registry.Find("sn-0009")!;
        Assert.Equal(("Loa đình", "0898001"), (device.Name, device.VillageCode));
        Assert.Equal(["cho"], device.Zones);
        Assert.Equal(21.03, device.Position!.Latitude);

        // Importing again updates the planned placement and moves the approved device with it.
        Assert.Equal((0, 1), _service.PreRegister([new PreRegistration("sn-0009", null, null, null, null, [])]));
        Assert.Empty(_registry.Find("sn-0009")!.Zones);
        Assert.Null(_registry.Find("sn-0009")!.VillageCode);
    }
}
