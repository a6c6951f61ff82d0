using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace InfoRadio.Controller.Broker;

/// <summary>
/// Forwards MQTTnet's own warnings and errors to the host's logging; its chatter below that is dropped, and so are
/// the warnings that describe normal operation (<see cref="IsExpected"/>).
/// </summary>
internal sealed class MqttNetLogBridge(ILogger logger) : IMqttNetLogger
{
    /// <summary>MQTTnet 5.2's template when a connection taken over by a new one with the same client id cannot be told so.</summary>
    internal const string TakeoverDisconnectTemplate = "Client '{0}': Error while sending DISCONNECT packet (ReasonCode = {1})";

    public bool IsEnabled => logger.IsEnabled(LogLevel.Warning);

    public void Publish(MqttNetLogLevel level, string source, string message, object[] parameters, Exception exception)
    {
        var mapped = level switch
        {
            MqttNetLogLevel.Error => LogLevel.Error,
            MqttNetLogLevel.Warning => LogLevel.Warning,
            _ => LogLevel.None,
        };
        if (mapped == LogLevel.None || !logger.IsEnabled(mapped) || IsExpected(message, parameters)) return;
        var text = message;
        if (parameters is { Length: > 0 })
        {
            try
            {
                text = string.Format(System.Globalization.CultureInfo.InvariantCulture, message, parameters);
            }
            catch (FormatException)
            {
                // Keep the template: a log line must never throw.
            }
        }
#pragma warning disable CA1848, CA2254 // MQTTnet's messages are preformatted; a source-generated template does not fit.
        logger.Log(mapped, exception, "MQTTnet {Source}: {Message}", source, text);
#pragma warning restore CA1848, CA2254
    }

    /// <summary>
    /// A device that reconnects before the broker noticed its old connection was gone (a 4G link that dropped, a
    /// box that rebooted) takes the session over, and MQTTnet then fails to send its goodbye down the dead
    /// connection. That is the normal way back for a speaker, not a problem worth a warning.
    /// </summary>
    private static bool IsExpected(string message, object[]? parameters) =>
        message.StartsWith(TakeoverDisconnectTemplate, StringComparison.Ordinal)
        && parameters is { Length: > 1 } && parameters[1]?.ToString() == nameof(MQTTnet.Protocol.MqttDisconnectReasonCode.SessionTakenOver);
}
