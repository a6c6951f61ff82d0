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
            case DeviceCommandType.Reboot:
                // The agent cannot reboot the box; it exits and its service manager (systemd) starts it again.
                LogReboot(_logger, command.Id);
                _rebootRequested = true;
                _runCts?.Cancel();
                break;
        }
    }
}
