namespace InfoRadio.DeviceAgent.Playback;

/// <summary>Volume 0–100 as a linear gain on 16-bit PCM.</summary>
internal static class PcmGain
{
    public static void Apply(Span<short> pcm, int volume)
    {
        if (volume >= 100) return;
        if (volume <= 0)
        {
            pcm.Clear();
            return;
        }
        for (var i = 0; i < pcm.Length; i++)
        {
            // Rounded half away from zero, so a gain never turns a small sample of either sign into a bias.
            var scaled = pcm[i] * volume;
            pcm[i] = (short)((scaled + (scaled >= 0 ? 50 : -50)) / 100);
        }
    }
}
