namespace InfoRadio.Controller.Scheduling;

/// <summary>Vietnamese text-to-speech voices by regional accent.</summary>
public enum TtsVoice
{
    Northern,
    Central,
    Southern,
}
