using InfoRadio.Protocol.Messages;

namespace InfoRadio.DeviceAgent;

public sealed partial class SpeakerAgent
{
    /// <summary>Runs a command on the agent loop; a redelivered command (same id) is ignored.</summary>
    private void HandleCommand(DeviceCommand command)
    {
        if (!_recentCommands.Add(command.Id))
        {
            LogCommandDuplicate(_logger, command.Id, command.Type);
            return;
        }
        LogCommand(_logger, command.Id, command.Type);
        switch (command.Type)
        {
            case DeviceCommandType.SetVolume:
                _engine.DeviceVolume = command.Volume!.Value;
                PublishState();
                break;
            case DeviceCommandType.Mute:
            case DeviceCommandType.Unmute:
                _engine.Muted = command.Type == DeviceCommandType.Mute;
                PublishState();
                break;
            case DeviceCommandType.ResyncClock:
                _clockSync.Resync();
                break;
            case DeviceCommandType.TestTone:
                if (!_engine.TryStartTestTone()) LogTestToneRefused(_logger, command.Id);
                else HoldAmplifierForTone();
                break;
            case DeviceCommandType.RotateSecret:
                RotateSecret(command.Secret!);
                break;
            case DeviceCommandType.Reboot:
                // The agent cannot reboot the box; it exits and its service manager (systemd) starts it again.
                LogReboot(_logger, command.Id);
                _rebootRequested = true;
                _runCts?.Cancel();
                break;
        }
    }

    /// <summary>
    /// Keeps the new secret (through <see cref="SecretRotated"/>, e.g. into the state folder) before using it, then
    /// reconnects with it: the controller accepts the old one only until then. When it cannot be kept the agent goes
    /// on with the old one, which the controller stops accepting after its grace period; a technician then rotates
    /// again (offline) and configures the secret by hand.
    /// </summary>
    private void RotateSecret(string secret)
    {
        try
        {
            SecretRotated?.Invoke(secret);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSecretNotStored(_logger, ex.Message);
            return;
        }
        LogSecretRotated(_logger);
        _link.ReconnectWithSecret(secret);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "New secret received and kept: reconnecting with it")]
    private static partial void LogSecretRotated(Microsoft.Extensions.Logging.ILogger logger);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "New secret could not be kept ({Problem}): going on with the old one")]
    private static partial void LogSecretNotStored(Microsoft.Extensions.Logging.ILogger logger, string problem);
}
