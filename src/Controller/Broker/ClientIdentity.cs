namespace InfoRadio.Controller.Broker;

public enum ClientRole
{
    Controller,
    Device,
    /// <summary>A box without credentials asking to be enrolled; <see cref="ClientIdentity.Id"/> is its canonical serial.</summary>
    Enrollment,
}

/// <summary>Who an authenticated MQTT connection belongs to: the controller, or one device by its id.</summary>
public readonly record struct ClientIdentity(ClientRole Role, string Id)
{
    public static ClientIdentity Controller { get; } = new(ClientRole.Controller, ControllerCredentials.Username);

    public static ClientIdentity Device(string id) => new(ClientRole.Device, id);

    public static ClientIdentity Enrollment(string serial) => new(ClientRole.Enrollment, serial);

    public bool IsController => Role == ClientRole.Controller;

    public bool IsDevice => Role == ClientRole.Device;

    public override string ToString() => Role switch
    {
        ClientRole.Controller => "controller",
        ClientRole.Enrollment => $"enrollment of serial {Id}",
        _ => $"device {Id}",
    };
}
