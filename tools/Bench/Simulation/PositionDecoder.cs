using System.Buffers.Binary;
using InfoRadio.DeviceAgent.Playback;

namespace InfoRadio.Bench.Simulation;

/// <summary>
/// Stands in for Opus in the simulation (decoding ten minutes for twenty agents would take longer than the
/// whole run): each frame carries its stream position, and decodes to a ramp that tells every sample's
/// position, so the simulated sink can check that what it plays is what the playout says it is.
/// </summary>
internal sealed class PositionDecoder : IFrameDecoder
{
    public const short Concealed = 12_345;

    public static short Value(ulong position) => (short)((long)(position % 20_000) - 10_000);

    public static byte[] Frame(ulong position)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, position);
        return bytes;
    }

    public bool Decode(ReadOnlySpan<byte> frame, Span<short> pcm)
    {
        var position = BinaryPrimitives.ReadUInt64LittleEndian(frame);
        for (var i = 0; i < pcm.Length; i++) pcm[i] = Value(position + (ulong)i);
        return true;
    }

    public void Conceal(Span<short> pcm) => pcm.Fill(Concealed);

    public void Reset()
    {
    }

    public void Dispose()
    {
    }
}
