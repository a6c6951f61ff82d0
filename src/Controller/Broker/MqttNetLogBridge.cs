using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace InfoRadio.Controller.Broker;

/// <summary>Forwards MQTTnet's own warnings and errors to the host's logging; its chatter below that is dropped.</summary>
internal sealed class MqttNetLogBridge(ILogger logger) : IMqttNetLogger
{
    public bool IsEnabled => logger.IsEnabled(LogLevel.Warning);

    public void Publish(MqttNetLogLevel level, string source, string message, object[] parameters, Exception exception)
    {
        var mapped = level switch
        {
            MqttNetLogLevel.Error => LogLevel.Error,
            MqttNetLogLevel.Warning => LogLevel.Warning,
            _ => LogLevel.None,
        };
        if (mapped == LogLevel.None || !logger.IsEnabled(mapped)) return;
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
}
