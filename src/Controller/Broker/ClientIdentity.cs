namespace InfoRadio.Controller.Broker;

public enum ClientRole
{
    Controller,
    Device,
}

/// <summary>Who an authenticated MQTT connection belongs to: the controller, or one device by its id.</summary>
public readonly record struct ClientIdentity(ClientRole Role, string Id)
{
    public static ClientIdentity Controller { get; } = new(ClientRole.Controller, ControllerCredentials.Username);

    public static ClientIdentity Device(string id) => new(ClientRole.Device, id);

    public bool IsController => Role == ClientRole.Controller;

    public override string ToString() => Role == ClientRole.Controller ? "controller" : $"device {Id}";
}
