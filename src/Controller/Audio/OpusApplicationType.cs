namespace InfoRadio.Controller.Audio;

/// <summary>The Opus application the encoder tunes for.</summary>
public enum OpusApplicationType
{
    /// <summary>Speech: favours intelligibility (OPUS_APPLICATION_VOIP).</summary>
    Voip = 0,
    /// <summary>Music and mixed content: favours fidelity (OPUS_APPLICATION_AUDIO).</summary>
    Audio = 1,
}
