using System.Text.Json.Serialization;

namespace InfoRadio.Controller.Devices;

/// <summary>
/// Where a speaker cluster stands (WGS 84 decimal degrees) and where that came from: <c>surveyed</c>, set by a
/// technician (PUT /api/devices/{id}/position), wins over <c>gps</c>, the latest fix the device reported in telemetry,
/// because a pole does not move and a GPS in a metal box may be absent or wander.
/// </summary>
public sealed record DevicePosition(double Latitude, double Longitude, string Source)
{
    public const string Surveyed = "surveyed";
    public const string Gps = "gps";

    [JsonIgnore]
    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180 && double.IsFinite(Latitude) && double.IsFinite(Longitude);
}
