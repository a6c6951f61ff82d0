namespace InfoRadio.Controller.Devices;

/// <summary>
/// Result of registering a device (or rotating its secret). <see cref="Secret"/> is shown exactly once: only a
/// salted hash is stored, so it cannot be retrieved later.
/// </summary>
public sealed record DeviceRegistration(string Id, string Secret)
{
    // Keep the secret out of logs that print the record.
    public override string ToString() => $"DeviceRegistration {{ Id = {Id}, Secret = *** }}";
}
