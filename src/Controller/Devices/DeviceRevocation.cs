namespace InfoRadio.Controller.Devices;

/// <summary>Why a device may not connect: revoked at <paramref name="At"/> by <paramref name="By"/> (a user name).</summary>
public sealed record DeviceRevocation(DateTimeOffset At, string? By, string? Reason);
