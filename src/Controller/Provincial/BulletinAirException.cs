namespace InfoRadio.Controller.Provincial;

/// <summary>A bulletin cannot go on air: its audio is unusable, no speech engine, no emergency broadcaster…</summary>
public sealed class BulletinAirException(string message, Exception? inner = null) : Exception(message, inner);
