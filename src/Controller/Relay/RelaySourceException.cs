namespace InfoRadio.Controller.Relay;

/// <summary>
/// The source could not be relayed. <see cref="IsRequestProblem"/>: the URL answers, but not with an MP3 stream
/// (HTTP error, HTML page, another format) — a mistake in the request rather than an outage.
/// </summary>
public sealed class RelaySourceException(string message, bool isRequestProblem, Exception? inner = null) : Exception(message, inner)
{
    public bool IsRequestProblem { get; } = isRequestProblem;
}
