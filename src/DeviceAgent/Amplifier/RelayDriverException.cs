namespace InfoRadio.DeviceAgent.Amplifier;

/// <summary>A relay could not be switched (GPIO missing, permission denied, helper program failed).</summary>
public sealed class RelayDriverException : Exception
{
    public RelayDriverException(string message) : base(message)
    {
    }

    public RelayDriverException(string message, Exception inner) : base(message, inner)
    {
    }

    public RelayDriverException()
    {
    }
}
