using NAudio.Wave;

namespace InfoRadio.Controller.Audio;

/// <summary>Opens RIFF/RF64 WAVE content (PCM 8/16/24/32-bit, IEEE float 32/64-bit, any rate, any channel count).</summary>
internal static class WavSource
{
    public static DecoderSource Open(Stream s)
    {
        var audioBytes = WavDataChunk.MeasureAudioBytes(s);
        s.Position = 0;
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(s);
        }
        catch (Exception ex) when (ex is not AudioFormatException)
        {
            throw new AudioFormatException($"corrupt WAV header: {ex.Message}", ex);
        }

        try
        {
            var format = reader.WaveFormat.AsStandardWaveFormat();
            var description = Validate(format);
            if (reader.WaveFormat.BlockAlign != format.BlockAlign)
                throw new AudioFormatException($"corrupt WAV header: block align {reader.WaveFormat.BlockAlign} does not match {description}");
            var frames = Math.Min(audioBytes, reader.Length) / format.BlockAlign;
            if (frames == 0) throw new AudioFormatException($"the WAV file ({description}) contains no audio");
            var provider = reader.ToSampleProvider();
            return new DecoderSource(provider, description, frames, reader);
        }
        catch (Exception ex) when (ex is not AudioFormatException)
        {
            reader.Dispose();
            throw new AudioFormatException($"unsupported WAV content: {ex.Message}", ex);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Checks what NAudio read from the fmt chunk; returns a description of it.</summary>
    private static string Validate(WaveFormat f)
    {
        if (f.Channels <= 0) throw new AudioFormatException("corrupt WAV header: zero channels");
        if (f.Channels > AudioLimits.MaxChannels)
            throw new AudioFormatException($"corrupt WAV header: {f.Channels} channels (at most {AudioLimits.MaxChannels} are accepted)");
        if (f.SampleRate is < AudioLimits.MinSampleRate or > AudioLimits.MaxSampleRate)
            throw new AudioFormatException(
                $"unsupported WAV sample rate {f.SampleRate} Hz (accepted: {AudioLimits.MinSampleRate}–{AudioLimits.MaxSampleRate} Hz)");

        var encoding = f.Encoding switch
        {
            WaveFormatEncoding.Pcm when f.BitsPerSample is 8 or 16 or 24 or 32 => "PCM",
            WaveFormatEncoding.IeeeFloat when f.BitsPerSample is 32 or 64 => "IEEE float",
            WaveFormatEncoding.Pcm or WaveFormatEncoding.IeeeFloat =>
                throw new AudioFormatException($"unsupported WAV sample size: {f.Encoding} {f.BitsPerSample}-bit"),
            _ => throw new AudioFormatException(
                $"unsupported WAV encoding {f.Encoding} (only PCM and IEEE float WAV files are accepted; convert it first)"),
        };
        var expectedAlign = f.Channels * f.BitsPerSample / 8;
        if (f.BlockAlign != expectedAlign)
            throw new AudioFormatException(
                $"corrupt WAV header: block align {f.BlockAlign} where {f.Channels} ch × {f.BitsPerSample}-bit needs {expectedAlign}");
        return $"WAV {encoding} {f.BitsPerSample}-bit {f.SampleRate} Hz {f.Channels} ch";
    }
}
