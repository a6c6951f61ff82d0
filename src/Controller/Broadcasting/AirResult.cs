namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// How a broadcast's audio went out: the stream's end position (its End packet's), the length of audio it carried
/// (null: as recorded at the start), and why it ended early or oddly (null: it simply ended).
/// </summary>
internal sealed record AirResult(ulong EndPosition, long? DurationMs = null, string? Reason = null);
