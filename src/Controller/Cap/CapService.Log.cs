namespace InfoRadio.Controller.Cap;

public sealed partial class CapService
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Warning, Message = "CAP alert from {PostedBy} refused: {Count} problem(s), first: {First}")]
    private partial void LogRefused(string postedBy, int count, string first);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "CAP alert {Identifier} from {Sender} is a duplicate: answered with the ledger's record")]
    private partial void LogDuplicate(string identifier, string sender);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Information, Message = "CAP alert {Id} ({Identifier} from {Sender}, {Status} {MsgType}): {State}, {Verdict}")]
    private partial void LogAccepted(string id, string identifier, string sender, string status, string msgType, CapState state, string verdict);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Information, Message = "CAP alert {Id} ({Identifier}) {Decision} by {Approver}")]
    private partial void LogDecided(string id, string identifier, string approver, string decision);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Warning, Message = "CAP alert {Id}: {Approver} may not {Verb} an alert they posted")]
    private partial void LogSameActor(string id, string approver, string verb);

    [LoggerMessage(EventId = 2505, Level = LogLevel.Information, Message = "CAP alert {Id} ({Identifier}) on air as {Kind} {AiredId} to {Devices} speakers, sound from {Source}")]
    private partial void LogAired(string id, string identifier, string kind, string airedId, int devices, string source);

    [LoggerMessage(EventId = 2506, Level = LogLevel.Warning, Message = "CAP alert {Id} ({Identifier}) not aired: {Why}")]
    private partial void LogAirFailed(string id, string identifier, string why);

    [LoggerMessage(EventId = 2507, Level = LogLevel.Information, Message = "CAP alert {Id} ({Identifier}) stopped by {MsgType} {ByIdentifier}")]
    private partial void LogStoppedByReference(string id, string identifier, string msgType, string byIdentifier);

    [LoggerMessage(EventId = 2508, Level = LogLevel.Information, Message = "CAP stop: {AiredId} was no longer on air")]
    private partial void LogNotOnAir(string airedId);

    [LoggerMessage(EventId = 2509, Level = LogLevel.Warning, Message = "CAP stop of {AiredId} failed: {Why}")]
    private partial void LogStopFailed(string airedId, string why);
}
