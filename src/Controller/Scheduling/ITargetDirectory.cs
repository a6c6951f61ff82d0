namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// What target resolution needs to know about the installation: devices with their village and zones, the known
/// zones, and the administrative tree. The device registry provides it later; tests use
/// <see cref="InMemoryTargetDirectory"/>.
/// </summary>
public interface ITargetDirectory
{
    IReadOnlyCollection<DevicePlacement> Devices { get; }

    /// <summary>Whether a zone of that id exists (a zone may exist with no device in it).</summary>
    bool ZoneExists(string zoneId);

    AdministrativeArea? FindArea(string code);
}
