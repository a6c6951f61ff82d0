using InfoRadio.Controller.Devices;
using InfoRadio.Controller.Enrollment;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;
using InfoRadio.Controller.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace InfoRadio.Controller.Tests.Enrollment;

public sealed class DeviceListCsv_Tests : IDisposable
{
    private const string Header = "serial,name,village,latitude,longitude,zones\n";
    private readonly TestDatabase _db = new();
    private readonly DeviceRegistry _registry;
    private readonly TargetDirectory _directory;

    public DeviceListCsv_Tests()
    {
        _registry = new DeviceRegistry(_db.Database, new FakeTimeProvider(), new CapturingLogger<DeviceRegistry>(), iterations: 1000);
        _directory = new TargetDirectory(_db.Database, _registry, new CapturingLogger<TargetDirectory>());
        _directory.ImportAreas([
            new AdministrativeArea("01", "Hà Nội", AdministrativeLevel.Province),
            new AdministrativeArea("08980", "Xã", AdministrativeLevel.Commune, "01"),
            new AdministrativeArea("0898001", "Thôn Đông", AdministrativeLevel.Village, "08980"),
        ]);
        _directory.PutZone(new Zone("cho", "Chợ"));
        _directory.PutZone(new Zone("truong", "Trường"));
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Good_lines_pass_and_each_bad_line_is_named_with_its_reason()
    {
        var (rows, errors) = DeviceListCsv.Parse(Header
            + "SN-1,\"Loa chợ, cổng\",0898001,21.0285,105.8542,cho;truong\n"
            + "SN-2,,,,,\n"
            + "bad serial,x,,,,\n"
            + "SN-3,x,08980,,,\n"
            + "SN-4,x,0898999,,,\n"
            + "SN-5,x,,91,105,\n"
            + "SN-6,x,,21,,\n"
            + "SN-7,x,,,,ghost\n"
            + "SN-8,x,,,,all\n"
            + "SN-9,x,\n"
            + "sn-1,again,,,,\n"
            + "SN-10,\"unclosed,,,,\n", _directory);
        Assert.Equal(["sn-1", "sn-2"], rows.Select(r => r.Serial));
        Assert.Equal(("Loa chợ, cổng", "0898001", 21.0285, 105.8542), (rows[0].Name, rows[0].Village, rows[0].Latitude, rows[0].Longitude));
        Assert.Equal(["cho", "truong"], rows[0].Zones);
        Assert.Equal(new[] { 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 }, errors.Select(e => e.Line));
        Assert.Contains("serial", errors[0].Message);
        Assert.Contains("a device stands in a village", errors[1].Message);
        Assert.Contains("0898999", errors[2].Message);
        Assert.Contains("latitude", errors[3].Message);
        Assert.Contains("longitude", errors[4].Message);
        Assert.Contains("ghost", errors[5].Message);
        Assert.Contains("all", errors[6].Message);
        Assert.Contains("fields", errors[7].Message);
        Assert.Contains("line 2", errors[8].Message);
        Assert.Contains("not closed", errors[9].Message);
    }

    [Fact]
    public void A_wrong_header_or_an_empty_list_is_refused_as_a_whole()
    {
        Assert.Contains("header", Assert.Single(DeviceListCsv.Parse("serial,name\nSN-1,x\n", _directory).Errors).Message);
        Assert.Contains("empty", Assert.Single(DeviceListCsv.Parse("", _directory).Errors).Message);
        Assert.Empty(DeviceListCsv.Parse(" Serial , NAME,village,latitude,longitude,zones\r\n", _directory).Errors);
    }

    [Fact]
    public void The_export_reads_back_through_the_import()
    {
        _registry.Register("loose", "Loose, speaker");
        var enrollments = new[]
        {
            new EnrollmentView("sn-1", "preregistered", null, null, null, null, null, null, true, "Loa \"A\"", "0898001", ["cho"], 21.5, 105.25,
                false, null, null, 0, null, null, null),
        };
        var csv = DeviceListCsv.Export(enrollments, _registry.List());
        var lines = csv.Split("\r\n");
        Assert.Equal(string.Join(",", DeviceListCsv.ExportColumns), lines[0]);
        Assert.Equal("sn-1,\"Loa \"\"A\"\"\",0898001,21.5,105.25,cho,,,,", lines[1]);
        Assert.Equal(",\"Loose, speaker\",,,,,loose,false,,", lines[2]);
        var records = Csv.Read(csv);
        Assert.Equal("Loa \"A\"", records[1].Fields[1]);
    }
}
