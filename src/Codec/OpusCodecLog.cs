using Microsoft.Extensions.Logging;

namespace InfoRadio.Codec;

/// <summary>The one start-up line each process writes about its Opus codec.</summary>
public static partial class OpusCodecLog
{
    /// <summary>
    /// Logs which implementation <paramref name="component"/> uses (information), or why native libopus was asked for
    /// by <paramref name="setting"/> but managed Concentus is used instead (warning). Returns the choice.
    /// </summary>
    public static OpusCodecChoice ReportChoice(ILogger logger, string component, string setting, bool useNativeLibrary) =>
        ReportChoice(logger, component, setting, OpusCodecs.Choose(useNativeLibrary));

    /// <summary>Logs <paramref name="choice"/> as above.</summary>
    public static OpusCodecChoice ReportChoice(ILogger logger, string component, string setting, OpusCodecChoice choice)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(choice);
        if (choice.FallbackReason is { } reason)
            LogFallback(logger, component, setting, reason, choice.Version);
        else if (choice.Implementation == OpusImplementation.Native)
            LogNative(logger, component, choice.Version, choice.LibraryName!, setting);
        else
            LogManaged(logger, component, choice.Version, setting);
        return choice;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opus {Component}: native {Version} ({Library}), as {Setting} asks")]
    private static partial void LogNative(ILogger logger, string component, string version, string library, string setting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opus {Component}: managed {Version} ({Setting} is false)")]
    private static partial void LogManaged(ILogger logger, string component, string version, string setting);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Opus {Component}: {Setting} asks for native libopus but it cannot be used ({Reason}); using managed {Version} instead. "
            + "On Debian install it with: apt-get install libopus0")]
    private static partial void LogFallback(ILogger logger, string component, string setting, string reason, string version);
}
