using System.Security.Cryptography;
using System.Text;
using InfoRadio.Protocol;

namespace InfoRadio.Controller.Offline;

/// <summary>
/// The id of a play-plan item: one per (program, slot start), the same on every pass and across restarts, so the
/// plan, the session that airs the slot (<c>SessionInfo.slot</c>) and a device's cached play events all name it
/// alike. <c>p-{program}-{unix seconds}</c>; a program id too long for that is shortened and made unique by a hash.
/// </summary>
public static class PlanItemIds
{
    public static string For(string programId, DateTimeOffset slotStart)
    {
        var seconds = slotStart.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var id = $"p-{programId}-{seconds}";
        if (id.Length <= Identifiers.MaxLength) return id;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(programId)))[..8];
        var room = Identifiers.MaxLength - "p--".Length - hash.Length - 1 - seconds.Length;
        return $"p-{programId[..room]}-{hash}-{seconds}";
    }
}
