using InfoRadio.Codec;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Audio;

/// <summary>Writes at start which Opus implementation the controller encodes with (and warns on a fallback).</summary>
internal sealed class OpusStartupReport(IOptions<OpusEncoderSettings> settings, ILogger<OpusStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        OpusCodecLog.ReportChoice(logger, "encoder", OpusEncoderSettings.SectionName + ":UseNativeLibrary", settings.Value.UseNativeLibrary);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
