namespace InfoRadio.Controller.Audio;

/// <summary>A program from a later sample on (a preempted slot resuming): the skipped part is decoded and dropped.</summary>
internal sealed class OffsetProgramAudio(ProgramAudio whole, long from) : ProgramAudio
{
    public override long SampleCount => whole.SampleCount - from;
    public override string SourceFormat => whole.SourceFormat;

    public override ProgramAudioReader Open()
    {
        var inner = whole.Open();
        try
        {
            if (inner.Skip(from) != from) throw new AudioFormatException($"the audio ended before sample {from}");
            return new Reader(inner);
        }
        catch
        {
            inner.Dispose();
            throw;
        }
    }

    private sealed class Reader(ProgramAudioReader inner) : ProgramAudioReader
    {
        public override int Read(Span<float> buffer)
        {
            var n = inner.Read(buffer);
            Position += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
        }
    }
}
