namespace InfoRadio.DeviceAgent.Amplifier;

internal static class RelayDriverFactory
{
    public static IRelayDriver Create(RelayOptions options, TimeProvider time) => options.Driver switch
    {
        "simulated" => new SimulatedRelayDriver(time),
        "sysfs" => new SysfsRelayDriver(options.SysfsRoot, options.PowerLine, options.AmplifierLine, options.ActiveLow, TimeSpan.FromSeconds(2)),
        "gpiod" => new GpiodRelayDriver(options.GpiosetPath, options.GpioChip, options.PowerLine, options.AmplifierLine, options.ActiveLow),
        _ => throw new ArgumentException($"unknown relay driver '{options.Driver}'", nameof(options)),
    };

    /// <summary>Every problem of <paramref name="options"/> (empty when valid).</summary>
    public static IEnumerable<string> Check(RelayOptions? options)
    {
        if (options is null)
        {
            yield return "Agent:Relays is null";
            yield break;
        }
        if (options.Driver is null || !RelayOptions.DriverNames.Contains(options.Driver))
            yield return $"Agent:Relays:Driver '{options.Driver}' is unknown: use {string.Join(", ", RelayOptions.DriverNames)}";
        if (options.PowerLine is < 0 or > 4_095) yield return "Agent:Relays:PowerLine must be between 0 and 4095";
        if (options.AmplifierLine is < 0 or > 4_095) yield return "Agent:Relays:AmplifierLine must be between 0 and 4095";
        if (options.PowerLine == options.AmplifierLine) yield return "Agent:Relays:PowerLine and AmplifierLine must differ";
        if (options.Driver == "gpiod" && string.IsNullOrWhiteSpace(options.GpioChip)) yield return "Agent:Relays:GpioChip is empty";
        if (options.Driver == "gpiod" && string.IsNullOrWhiteSpace(options.GpiosetPath)) yield return "Agent:Relays:GpiosetPath is empty";
        if (options.Driver == "sysfs" && string.IsNullOrWhiteSpace(options.SysfsRoot)) yield return "Agent:Relays:SysfsRoot is empty";
        foreach (var (name, value) in new[]
        {
            ("PowerOnDelayMs", options.PowerOnDelayMs), ("AmplifierOnDelayMs", options.AmplifierOnDelayMs),
            ("AmplifierOffDelayMs", options.AmplifierOffDelayMs), ("PowerOffDelayMs", options.PowerOffDelayMs),
        })
        {
            if (value is < 0 or > Protocol.Messages.RelayDelays.MaxDelayMs)
                yield return $"Agent:Relays:{name} must be between 0 and {Protocol.Messages.RelayDelays.MaxDelayMs}";
        }
    }
}
