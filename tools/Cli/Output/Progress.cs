namespace InfoRadio.Cli.Output;

/// <summary>
/// Progress of a bulk operation on stderr, one line per step ("[3/10] loa-03: sent"), so stdout keeps only the
/// result (a table or JSON a script can read) and a log of a run on a flaky 4G link shows every step.
/// </summary>
public sealed class Progress(TextWriter error, int total, string unit)
{
    private int _done;

    public int Done => _done;

    public void Step(string item, string outcome)
    {
        _done++;
        error.WriteLine($"[{_done}/{total} {unit}] {item}: {outcome}");
    }

    /// <summary>A step that covers several units at once (a chunk of CSV lines).</summary>
    public void Advance(int count, string item, string outcome)
    {
        _done += count;
        error.WriteLine($"[{_done}/{total} {unit}] {item}: {outcome}");
    }
}
