namespace InfoRadio.Codec;

/// <summary>Which Opus code Concentus ended up using.</summary>
public enum OpusImplementation
{
    /// <summary>Concentus's own C# port of libopus.</summary>
    Managed = 0,
    /// <summary>A native libopus loaded by Concentus through P/Invoke.</summary>
    Native = 1,
}
