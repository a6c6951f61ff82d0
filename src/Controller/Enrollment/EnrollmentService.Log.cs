namespace InfoRadio.Controller.Enrollment;

public sealed partial class EnrollmentService
{
    [LoggerMessage(EventId = 3900, Level = LogLevel.Information, Message = "Enrollment request from serial {Serial}, key {Fingerprint} (pre-registered: {PreRegistered})")]
    private partial void LogNewRequest(string serial, string fingerprint, bool preRegistered);

    [LoggerMessage(EventId = 3901, Level = LogLevel.Warning, Message = "Serial {Serial} claimed by a second key {Other} (the recorded key is {Recorded}): flagged, not answered")]
    private partial void LogConflict(string serial, string recorded, string other);

    [LoggerMessage(EventId = 3902, Level = LogLevel.Information, Message = "Serial {Serial} approved as device {DeviceId} by {Actor}")]
    private partial void LogApproved(string serial, string deviceId, string actor);

    [LoggerMessage(EventId = 3903, Level = LogLevel.Information, Message = "Serial {Serial} rejected by {Actor}")]
    private partial void LogRejected(string serial, string actor);

    [LoggerMessage(EventId = 3904, Level = LogLevel.Information, Message = "Device {DeviceId} (serial {Serial}) had not connected: fresh credentials sealed and sent")]
    private partial void LogReissued(string serial, string deviceId);

    [LoggerMessage(EventId = 3905, Level = LogLevel.Warning, Message = "Serial {Serial} asks again but device {DeviceId} has connected already: no new credentials (rotate its secret if the box lost them)")]
    private partial void LogAlreadyConnected(string serial, string deviceId);

    [LoggerMessage(EventId = 3906, Level = LogLevel.Warning, Message = "Enrollment request for serial {Serial} dropped: {Why}")]
    private partial void LogIgnored(string serial, string why);

    [LoggerMessage(EventId = 3907, Level = LogLevel.Information, Message = "Pre-registration: {Created} serials added, {Updated} updated")]
    private partial void LogPreRegistered(int created, int updated);
}
