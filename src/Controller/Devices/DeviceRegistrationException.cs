namespace InfoRadio.Controller.Devices;

/// <summary>A registry change that was refused; <see cref="Exception.Message"/> is fit to show to the user.</summary>
public sealed class DeviceRegistrationException(DeviceRegistrationError error, string message) : Exception(message)
{
    public DeviceRegistrationError Error { get; } = error;
}
