namespace InfoRadio.Controller.Devices;

/// <summary>Why a registry change was refused; an API maps these to 400, 409 or 404.</summary>
public enum DeviceRegistrationError
{
    InvalidId,
    ReservedId,
    InvalidName,
    Duplicate,
    NotFound,

    /// <summary>Reinstating a device that is not revoked.</summary>
    NotRevoked,
}
