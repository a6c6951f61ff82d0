namespace InfoRadio.Controller.Demo;

/// <summary>Section "Demo": the <c>--demo</c> switch runs speakers inside the controller for a first look.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }
    /// <summary>How many speakers run in-process; the default four give each demo commune one at least.</summary>
    public int Speakers { get; set; } = 4;
    /// <summary>Where demo speakers write what they play, one WAV per broadcast; default {DataDir}/demo-speakers.</summary>
    public string? OutputDir { get; set; }
}
