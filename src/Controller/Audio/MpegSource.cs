using NLayer;

namespace InfoRadio.Controller.Audio;

/// <summary>Opens MPEG audio content (MP3; MP1/MP2 too, NLayer decodes them) with NLayer.</summary>
internal static class MpegSource
{
    public static DecoderSource Open(Stream s, MpegAudioFrameHeader? firstFrame)
    {
        s.Position = 0;
        MpegFile file;
        try
        {
            file = new MpegFile(s);
        }
        catch (Exception ex)
        {
            throw new AudioFormatException($"no decodable MPEG audio frames found ({ex.Message})", ex);
        }

        try
        {
            var rate = file.SampleRate;
            var channels = file.Channels;
            if (rate is < AudioLimits.MinSampleRate or > AudioLimits.MaxSampleRate || channels is < 1 or > 2)
                throw new AudioFormatException($"corrupt MPEG audio: {rate} Hz, {channels} channels");
            var kind = firstFrame?.Describe() ?? "MPEG audio";
            var provider = new MpegSampleProvider(file);
            return new DecoderSource(provider, $"{kind} {rate} Hz {channels} ch", null, provider);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
