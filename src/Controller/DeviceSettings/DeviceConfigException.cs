namespace InfoRadio.Controller.DeviceSettings;

/// <summary>A configuration change that cannot be made as asked (a value out of range, an unknown device).</summary>
public sealed class DeviceConfigException : Exception
{
    public DeviceConfigException(string message) : base(message)
    {
    }

    public DeviceConfigException()
    {
    }

    public DeviceConfigException(string message, Exception inner) : base(message, inner)
    {
    }
}
