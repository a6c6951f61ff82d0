namespace InfoRadio.Controller.Scheduling;

/// <summary>Levels of Vietnam's administrative tree, widest first.</summary>
public enum AdministrativeLevel
{
    Province,
    District,
    Commune,
    /// <summary>thôn, tổ dân phố: where a speaker cluster stands.</summary>
    Village,
}
