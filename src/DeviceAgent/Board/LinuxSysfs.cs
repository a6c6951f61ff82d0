using System.Globalization;

namespace InfoRadio.DeviceAgent.Board;

/// <summary>
/// Pure parsing of the Linux files the board reads (no I/O here, so every rule is testable on strings).
/// Each parser returns null for text it does not understand rather than throwing: one odd file must not cost
/// the whole report.
/// </summary>
public static class LinuxSysfs
{
    /// <summary>A thermal zone's <c>temp</c>: millidegrees Celsius, e.g. <c>48312</c>.</summary>
    public static double? ParseThermalMillidegrees(string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milli) && milli is > -60_000 and < 150_000
            ? Math.Round(milli / 1000.0, 1)
            : null;

    /// <summary><c>/proc/uptime</c>: "seconds-up idle-seconds".</summary>
    public static long? ParseUptime(string text)
    {
        var first = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is not null && double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0
            ? (long)s
            : null;
    }

    /// <summary>
    /// <c>/proc/net/route</c>: the interface of the default IPv4 route (destination and mask 0, flag RTF_UP),
    /// the one with the lowest metric when a box has several (4G backup under Ethernet).
    /// </summary>
    public static string? ParseDefaultRouteInterface(string text)
    {
        string? best = null;
        var bestMetric = long.MaxValue;
        foreach (var line in text.Split('\n').Skip(1))
        {
            var f = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8 || f[1] != "00000000" || f[7] != "00000000") continue;
            if (!int.TryParse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags) || (flags & 1) == 0) continue;
            if (!long.TryParse(f[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var metric)) continue;
            if (metric < bestMetric)
            {
                best = f[0];
                bestMetric = metric;
            }
        }
        return best;
    }

    /// <summary>Link kind from the kernel's interface naming (predictable names and the classic ones).</summary>
    public static string? NetworkKind(string? interfaceName) => interfaceName switch
    {
        null or "" => null,
        _ when interfaceName.StartsWith("wwan", StringComparison.Ordinal) || interfaceName.StartsWith("wwp", StringComparison.Ordinal)
            || interfaceName.StartsWith("ppp", StringComparison.Ordinal) || interfaceName.StartsWith("rmnet", StringComparison.Ordinal)
            || interfaceName.StartsWith("usb", StringComparison.Ordinal) => "4g",
        _ when interfaceName.StartsWith("wl", StringComparison.Ordinal) => "wifi",
        _ when interfaceName.StartsWith("eth", StringComparison.Ordinal) || interfaceName.StartsWith("en", StringComparison.Ordinal) => "ethernet",
        _ => null,
    };

    /// <summary>
    /// <c>/proc/net/wireless</c>: the signal level in dBm of <paramref name="interfaceName"/> (third column, written
    /// with a trailing dot), or null when the interface is not listed.
    /// </summary>
    public static int? ParseWirelessSignal(string text, string interfaceName)
    {
        foreach (var line in text.Split('\n').Skip(2))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || line[..colon].Trim() != interfaceName) continue;
            var f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return f.Length >= 3 && double.TryParse(f[2].TrimEnd('.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var level)
                && level is >= -160 and <= 0 ? (int)level : null;
        }
        return null;
    }

    /// <summary>A serial-number file: the device tree's ends in NUL, the machine id in a newline. Null when blank.</summary>
    public static string? ParseSerial(string text)
    {
        var serial = new string(text.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (serial.Length == 0) return null;
        return serial.Length > 64 ? serial[..64] : serial;
    }

    /// <summary>
    /// Mains and supply voltage from the <c>/sys/class/power_supply</c> entries. With a mains (or USB) supply listed,
    /// mains is lost when none of them is online; without one, a discharging battery means the mains is gone (a UPS
    /// board). The voltage is the online mains supply's, else the battery's (the kernel writes microvolts).
    /// </summary>
    public static (bool? MainsLost, double? SupplyVolts) SummarizePowerSupplies(IEnumerable<PowerSupplyEntry> entries)
    {
        var list = entries.ToList();
        var mains = list.Where(e => e.Type is "Mains" or "USB").ToList();
        var batteries = list.Where(e => e.Type is "Battery" or "UPS").ToList();
        bool? lost = mains.Count > 0 ? !mains.Any(e => e.Online == true)
            : batteries.FirstOrDefault(e => e.Status is not null) is { } b ? b.Status == "Discharging"
            : null;
        var volts = mains.Where(e => e.Online == true && e.MicroVolts is not null).Select(e => e.MicroVolts).FirstOrDefault()
            ?? batteries.Select(e => e.MicroVolts).FirstOrDefault(v => v is not null);
        return (lost, volts is { } uv && uv >= 0 ? Math.Round(uv / 1_000_000.0, 2) : null);
    }

    /// <summary>One <c>/sys/class/power_supply/*</c> folder's <c>type</c>, <c>online</c>, <c>status</c> and <c>voltage_now</c> files.</summary>
    public static PowerSupplyEntry ParsePowerSupply(string? type, string? online, string? status, string? voltageNow) => new(
        type?.Trim(),
        online?.Trim() switch { "1" => true, "0" => false, _ => null },
        string.IsNullOrWhiteSpace(status) ? null : status.Trim(),
        long.TryParse(voltageNow?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var uv) ? uv : null);
}

/// <summary>What one power supply folder says; null where the file is absent or unreadable.</summary>
public sealed record PowerSupplyEntry(string? Type, bool? Online, string? Status, long? MicroVolts);
