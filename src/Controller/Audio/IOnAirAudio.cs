namespace InfoRadio.Controller.Audio;

/// <summary>
/// A <see cref="ProgramAudio"/> fed by a real-time source (a relayed stream): it must know when its samples are sent,
/// so that a reader can give silence or fallback instead of waiting for a late source past the send time, and it
/// may have something to say in the broadcast's record when it ends.
/// </summary>
public interface IOnAirAudio
{
    /// <summary>
    /// The session of the reader last opened was announced: sample p is sent at <paramref name="epochUs"/> + p / 48 kHz
    /// − <paramref name="sendAheadMs"/> (controller time, unix µs).
    /// </summary>
    void OnAir(long epochUs, int sendAheadMs);

    /// <summary>What happened while it aired that the broadcast's record should say (null: nothing worth saying).</summary>
    string? AirReport { get; }
}
