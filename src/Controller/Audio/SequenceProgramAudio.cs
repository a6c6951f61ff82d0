namespace InfoRadio.Controller.Audio;

/// <summary>Parts played back to back (a playlist): each part is opened when the previous one has ended.</summary>
internal sealed class SequenceProgramAudio : ProgramAudio
{
    private readonly ProgramAudio[] _parts;

    public SequenceProgramAudio(IReadOnlyList<ProgramAudio> parts, string sourceFormat)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _parts = parts.ToArray();
        SourceFormat = sourceFormat;
        SampleCount = _parts.Sum(p => p.SampleCount);
    }

    public override long SampleCount { get; }
    public override string SourceFormat { get; }

    public override ProgramAudioReader Open() => new Reader(_parts);

    private sealed class Reader(ProgramAudio[] parts) : ProgramAudioReader
    {
        private int _next;
        private ProgramAudioReader? _current;
        private long _currentLeft;

        public override int Read(Span<float> buffer)
        {
            while (true)
            {
                if (_current is null)
                {
                    if (_next == parts.Length) return 0;
                    var part = parts[_next++];
                    _current = part.Open();
                    _currentLeft = part.SampleCount;
                }
                // Each part yields exactly its announced length, so the next starts at the exact sample position.
                var n = _current.Read(buffer[..(int)Math.Min(buffer.Length, _currentLeft)]);
                if (n > 0)
                {
                    _currentLeft -= n;
                    Position += n;
                    return n;
                }
                if (_currentLeft > 0) throw new AudioFormatException($"part {_next} of the sequence ended {_currentLeft} samples early");
                _current.Dispose();
                _current = null;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _current?.Dispose();
        }
    }
}
