namespace InfoRadio.Controller.Audio;

/// <summary>A program whose samples are all in memory.</summary>
internal sealed class MemoryProgramAudio(DecodedAudio audio) : ProgramAudio
{
    public override long SampleCount => audio.Samples.Length;
    public override string SourceFormat => audio.SourceFormat;

    public override ProgramAudioReader Open() => new Reader(audio.Samples);

    private sealed class Reader(float[] samples) : ProgramAudioReader
    {
        public override int Read(Span<float> buffer)
        {
            var n = (int)Math.Min(buffer.Length, samples.Length - Position);
            samples.AsSpan((int)Position, n).CopyTo(buffer);
            Position += n;
            return n;
        }
    }
}
