using System.Text.Json;

namespace InfoRadio.Bench.Scenarios;

/// <summary>
/// The schedule benchmark's verdict. Aired and missed are the controller's own: its air ledger's record of each slot
/// (on-time or late is aired; missed, or no record at all, is missed). The agents' WAV sidecars check it: a slot the
/// ledger says aired must have sounded on every agent it should, one it says missed on none, and nothing may sound
/// on an agent it should not (each mismatch counts in <c>disagree</c>). Doubled counts second ledger records of a
/// slot and (slot, agent) pairs that sounded more than once.
/// </summary>
public static class ScheduleReport
{
    /// <summary>A slot, the agents its targets reach, and those it should sound on (less those an emergency takes).</summary>
    public sealed record SlotView(string Id, string ScheduleId, DateTimeOffset Start, string[] Devices, string[] Expected);

    /// <summary>A take's first sample: its stream position and when it sounded, by the agent's own clock (the host's clock, which the controller shares on loopback) and by its estimate of the controller's.</summary>
    public sealed record Take(string Device, string Slot, string Session, ulong Position, long DeviceUs, long ControllerUs);

    public static (string Line, int ExitCode) Of(List<SlotView> slots, List<JsonElement> ledger, List<Take> takes, int agents)
    {
        var records = ledger.ToLookup(r => r.GetProperty("scheduleId").GetString()!);
        var errors = new List<double>();
        var estimated = new List<double>();
        int aired = 0, late = 0, doubled = 0, disagree = 0, clipped = 0;
        foreach (var slot in slots)
        {
            var mine = records[slot.ScheduleId].ToList();
            doubled += Math.Max(0, mine.Count - 1);
            var outcome = mine.Count == 0 ? "no record" : mine[0].GetProperty("outcome").GetString()!;
            var ledgerAired = outcome is "on-time" or "late";
            if (ledgerAired) aired++;
            else Console.WriteLine($"{slot.Id}: the ledger says {outcome}{(mine.Count > 0 && mine[0].GetProperty("reason").GetString() is { } why ? $" ({why})" : "")}");
            if (outcome == "late") late++;

            var reached = 0;
            foreach (var device in slot.Devices)
            {
                var heard = takes.Where(t => t.Slot == slot.Id && t.Device == device).OrderBy(t => t.ControllerUs).ToList();
                if (!slot.Expected.Contains(device))
                {
                    if (heard.Count > 0) { disagree++; Console.WriteLine($"{slot.Id}: sounded on {device}, which an emergency held"); }
                    continue;
                }
                if (heard.Count == 0) { Console.WriteLine($"{slot.Id}: nothing sounded on {device}"); continue; }
                reached++;
                if (heard.Count > 1) doubled++;
                if (heard[0].Position > 0) clipped++;
                // Measured on the host's clock, which both the controller and the agent read: the agent's clock-sync
                // error counts too. The agent's own estimate of controller time is printed beside it.
                var errorMs = (heard[0].DeviceUs - slot.Start.ToUnixTimeMilliseconds() * 1000) / 1000.0;
                errors.Add(errorMs);
                estimated.Add((heard[0].ControllerUs - slot.Start.ToUnixTimeMilliseconds() * 1000) / 1000.0);
                if (Math.Abs(errorMs) > 20)
                    Console.WriteLine(FormattableString.Invariant($"{slot.Id} on {device}: first sample (position {heard[0].Position}) sounded {errorMs:0.00} ms from the slot's start"));
            }
            var sounded = reached == slot.Expected.Length && reached > 0;
            if (sounded != ledgerAired)
            {
                disagree++;
                Console.WriteLine($"{slot.Id}: the ledger says {outcome} but it sounded on {reached} of {slot.Expected.Length} agents");
            }
        }
        var missed = slots.Count - aired;
        if (errors.Count == 0) return ($"RESULT schedule slots={slots.Count} aired={aired} missed={missed} (nothing sounded)", 1);
        errors.Sort();
        var p99 = Quantile(errors.Select(Math.Abs).Order().ToList(), 0.99);
        Console.WriteLine(FormattableString.Invariant(
            $"start error over {errors.Count} (slot, agent) starts: min {errors[0]:0.00} ms, median {Quantile(errors, 0.5):0.00} ms, max {errors[^1]:0.00} ms; {clipped} began after sample 0; by the agents' estimate of controller time, |error| max {estimated.Select(Math.Abs).Max():0.00} ms"));
        var line = FormattableString.Invariant(
            $"RESULT schedule slots={slots.Count} aired={aired} missed={missed} doubled={doubled} start_p99_ms={p99:0.00} agents={agents} late={late} disagree={disagree}");
        return (line, missed == 0 && doubled == 0 && disagree == 0 ? 0 : 1);
    }

    /// <summary>The nearest-rank quantile of sorted values.</summary>
    private static double Quantile(List<double> sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
