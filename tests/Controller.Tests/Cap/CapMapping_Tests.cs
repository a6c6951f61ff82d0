using InfoRadio.Controller.Cap;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Tests.Cap;

/// <summary>The pure mappings: areas to devices, severity/urgency/certainty to a class, sender to an origin.</summary>
public sealed class CapMapping_Tests
{
    private static readonly string[] AdminNames = CapOptions.DefaultAdminCodeValueNames.ToArray();

    private static InMemoryTargetDirectory Directory() => new(
        [
            new DevicePlacement("d1", "0898001", []),
            new DevicePlacement("d2", "0898002", []),
            new DevicePlacement("d3", "0900001", []),
            new DevicePlacement("d4", null, []),
        ],
        [],
        [
            new AdministrativeArea("01", "Hà Nội", AdministrativeLevel.Province),
            new AdministrativeArea("08980", "Xã Tiền Phong", AdministrativeLevel.Commune, "01"),
            new AdministrativeArea("0898001", "Thôn Đông", AdministrativeLevel.Village, "08980"),
            new AdministrativeArea("0898002", "Thôn Tây", AdministrativeLevel.Village, "08980"),
            new AdministrativeArea("09000", "Xã Khác", AdministrativeLevel.Commune, "01"),
            new AdministrativeArea("0900001", "Thôn Xa", AdministrativeLevel.Village, "09000"),
        ]);

    private static CapInfo Info(params CapArea[] areas) => new() { Areas = areas };

    private static readonly Dictionary<string, GeoPoint> Positions = new()
    {
        ["d3"] = new(21.05, 105.85),   // inside the polygon and the 5 km circle
        ["d4"] = new(21.09, 105.89),   // inside the polygon, ~5.7 km from the circle's centre
        ["d1"] = new(20.50, 105.00),   // far away
    };

    [Fact]
    public void An_admin_geocode_reaches_every_device_placed_under_the_area()
    {
        var targets = CapTargetMap.Map(Info(new CapArea { Geocodes = [new("VN-ADMIN", "08980"), new("FIPS6", "12345"), new("ma_dvhc", "99999")] }),
            Directory(), Positions, AdminNames);

        Assert.Equal(["d1", "d2"], targets.DeviceIds);
        Assert.Equal(["08980"], targets.AreaCodes);
        Assert.Equal(["FIPS6=12345", "ma_dvhc=99999"], targets.UnknownGeocodes);
        Assert.Empty(targets.DevicesByGeometry);

        var province = CapTargetMap.Map(Info(new CapArea { Geocodes = [new("ADMIN_CODE", "01")] }), Directory(), Positions, AdminNames);
        Assert.Equal(["d1", "d2", "d3"], province.DeviceIds);
    }

    [Fact]
    public void Polygons_and_circles_reach_devices_by_position_and_everything_adds_up()
    {
        var polygon = new CapArea { Polygons = ["21.00,105.80 21.00,105.90 21.10,105.90 21.10,105.80 21.00,105.80"] };
        var circle = new CapArea { Circles = ["21.05,105.85 5"] };

        Assert.Equal(["d3", "d4"], CapTargetMap.Map(Info(polygon), Directory(), Positions, AdminNames).DeviceIds);
        Assert.Equal(["d3"], CapTargetMap.Map(Info(circle), Directory(), Positions, AdminNames).DeviceIds);
        var both = CapTargetMap.Map(Info(circle, new CapArea { Geocodes = [new("VN-ADMIN", "0898002")] }), Directory(), Positions, AdminNames);
        Assert.Equal(["d2", "d3"], both.DeviceIds);
        Assert.Equal(["d3"], both.DevicesByGeometry);
    }

    [Fact]
    public void Nothing_matches_an_area_elsewhere()
    {
        var far = new CapArea { Circles = ["10.0,106.0 10"], Geocodes = [new("VN-ADMIN", "79")] };
        Assert.True(CapTargetMap.Map(Info(far), Directory(), Positions, AdminNames).IsEmpty);
    }

    [Fact]
    public void Geometry_tests_points_in_polygons_and_great_circle_distance()
    {
        var square = CapGeometry.ParsePolygon("0,0 0,10 10,10 10,0 0,0", out _)!;
        Assert.True(CapGeometry.Contains(square, new GeoPoint(5, 5)));
        Assert.False(CapGeometry.Contains(square, new GeoPoint(5, 11)));
        Assert.False(CapGeometry.Contains(square, new GeoPoint(-1, 5)));
        // Hà Nội to Hồ Chí Minh City: about 1,140 km along the great circle.
        Assert.InRange(CapGeometry.DistanceKm(new(21.0285, 105.8542), new(10.8231, 106.6297)), 1130, 1150);
        Assert.Null(CapGeometry.ParseCircle("21,105 -1", out var why));
        Assert.Contains("radius", why);
        Assert.Null(CapGeometry.ParsePolygon("0,0 0,200 10,10 0,0", out why));
        Assert.Contains("0,200", why);
    }

    [Theory]
    [InlineData("Extreme", "Immediate", "Observed", PriorityClass.Emergency)]
    [InlineData("Severe", "Expected", "Likely", PriorityClass.Emergency)]
    [InlineData("Severe", "Future", "Likely", PriorityClass.Priority)]
    [InlineData("Extreme", "Past", "Observed", PriorityClass.Priority)]
    [InlineData("Moderate", "Immediate", "Observed", PriorityClass.Priority)]
    [InlineData("Minor", "Immediate", "Observed", PriorityClass.Normal)]
    [InlineData("Unknown", "Immediate", "Observed", PriorityClass.Normal)]
    [InlineData("Extreme", "Immediate", "Unlikely", PriorityClass.Priority)]
    [InlineData("Moderate", "Expected", "Unlikely", PriorityClass.Normal)]
    public void Severity_urgency_and_certainty_give_the_class(string severity, string urgency, string certainty, PriorityClass expected) =>
        Assert.Equal(expected, CapPriorityMap.ClassOf(severity, urgency, certainty));

    [Fact]
    public void Air_at_once_is_only_for_extreme_immediate_when_configured_and_origins_come_from_the_sender()
    {
        var off = new CapOptions();
        var on = new CapOptions { AirAtOnce = true, SenderOrigins = { ["vndma.gov.vn"] = OriginLevel.Central } };
        Assert.False(CapPriorityMap.MayAirAtOnce(off, "Extreme", "Immediate"));
        Assert.True(CapPriorityMap.MayAirAtOnce(on, "Extreme", "Immediate"));
        Assert.False(CapPriorityMap.MayAirAtOnce(on, "Severe", "Immediate"));
        Assert.False(CapPriorityMap.MayAirAtOnce(on, "Extreme", "Expected"));
        Assert.Equal(OriginLevel.Central, CapPriorityMap.OriginOf(on, "vndma.gov.vn"));
        Assert.Equal(OriginLevel.Province, CapPriorityMap.OriginOf(on, "other.gov.vn"));
    }
}
