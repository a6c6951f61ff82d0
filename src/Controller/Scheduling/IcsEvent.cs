namespace InfoRadio.Controller.Scheduling;

/// <summary>What one imported VEVENT says: its line of a schedule, and the program and schedule it belongs to.</summary>
internal sealed record IcsEvent(string Uid, int LineIndex, RecurrenceLine Line, BroadcastProgram Program, Schedule Schedule);
