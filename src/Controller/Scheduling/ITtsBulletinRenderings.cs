namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Where a TTS bulletin's speech comes from when it airs: a rendering kept in the media library, made once per
/// text, voice, speed and engine. The scheduler asks at a slot's lead time; a bulletin not rendered yet is rendered
/// then, within a bounded wait.
/// </summary>
public interface ITtsBulletinRenderings
{
    /// <summary>The media id of the bulletin's rendering (rendered now on a miss), or null and why there is none.</summary>
    (string? MediaId, string? Problem) Ensure(TtsBulletinContent bulletin, string programTitle);
}
