namespace InfoRadio.DeviceAgent.Amplifier;

/// <summary>The relays of a speaker cluster, numbered as on the board.</summary>
internal static class Relays
{
    /// <summary>Relay 1: the amplifier's power supply.</summary>
    public const int Power = 1;

    /// <summary>Relay 2: the amplifier itself.</summary>
    public const int Amplifier = 2;

    public static void CheckNumber(int relay)
    {
        if (relay is not (Power or Amplifier)) throw new ArgumentOutOfRangeException(nameof(relay), relay, "relays are numbered 1 (power) and 2 (amplifier)");
    }
}
