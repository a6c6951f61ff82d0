using Microsoft.Extensions.Logging;

namespace InfoRadio.DeviceAgent.Sinks;

internal static class AudioSinkFactory
{
    /// <param name="onError">Told about output failures so the agent can publish an error event.</param>
    public static IAudioSink Create(AgentOptions options, Action<string> onError, ILoggerFactory loggerFactory, TimeProvider time)
    {
        var sink = CreateOutput(options, onError, loggerFactory);
        return options.SinkTimingLog ? new TimingLogSink(sink, options.SinkTimingDirectory, time, onError) : sink;
    }

    private static IAudioSink CreateOutput(AgentOptions options, Action<string> onError, ILoggerFactory loggerFactory) => options.Sink switch
    {
        "alsa" => new AlsaSink(options.AlsaDevice, TimeSpan.FromMilliseconds(options.AlsaBufferMs), onError,
            loggerFactory.CreateLogger<AlsaSink>()),
        "wav" => new WavFileSink(options.WavDirectory, onError),
        "null" => new NullSink(),
        _ => throw new ArgumentException($"unknown sink '{options.Sink}'", nameof(options)),
    };
}
