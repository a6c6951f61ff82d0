namespace InfoRadio.DeviceAgent.Board;

/// <summary>One reading of the board's sensors; null means "this board cannot tell".</summary>
public sealed record BoardReading
{
    public static readonly BoardReading Empty = new();

    public string? Serial { get; init; }
    public string? Imei { get; init; }
    /// <summary><c>4g</c>, <c>ethernet</c> or <c>wifi</c>.</summary>
    public string? Network { get; init; }
    public int? SignalDbm { get; init; }
    public string? Ip { get; init; }
    public double? TemperatureC { get; init; }
    public double? SupplyVolts { get; init; }
    public bool? MainsLost { get; init; }
    /// <summary><c>ok</c>, <c>open</c> or <c>short</c>.</summary>
    public string? AmplifierFault { get; init; }
    /// <summary><c>ok</c>, <c>open</c> or <c>short</c>.</summary>
    public string? SpeakerFault { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    /// <summary>Seconds since the box (not the agent) started.</summary>
    public long? UptimeS { get; init; }
}
