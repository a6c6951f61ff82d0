using System.Text.Json;
using static InfoRadio.Cli.Output.JsonFields;

namespace InfoRadio.Cli.Output;

/// <summary>Human views of enrollments (GET /api/enrollments) and of the answers to approve, reject, import, rotate.</summary>
public static class EnrollmentFormat
{
    public static string List(JsonElement enrollments, TimeZoneInfo zone)
    {
        var table = new TextTable("SERIAL", "STATE", "FIRST SEEN", "LAST SEEN", "FIRMWARE", "PRE-REG", "NAME", "VILLAGE", "ZONES", "DEVICE");
        foreach (var e in Items(enrollments))
            table.Add(Text(e, "serial"), State(e), Time(e, "firstSeenAt", zone), Time(e, "lastSeenAt", zone), Text(e, "firmware"),
                YesNo(e, "preRegistered"), Text(e, "name"), Text(e, "village"), Joined(e, "zones"), Text(e, "deviceId"));
        return table.RowCount == 0 ? "No enrollments.\n" : table.Render();
    }

    /// <summary>
    /// The state, flagged when another box (another key) claimed the same serial: a possible clone the technician
    /// must look at before approving anything under that serial.
    /// </summary>
    private static string State(JsonElement e) => Text(e, "state") + (Bool(e, "conflict") == true ? " (key conflict)" : "");

    public static string Approved(JsonElement answer) =>
        $"Approved {Text(answer, "serial")}: it is device {Text(answer, "deviceId")} and gets its own credentials when it next asks.\n";

    public static string Rejected(JsonElement answer) => $"Rejected {Text(answer, "serial")}.\n";

    public static string Rotated(JsonElement answer) => (Bool(answer, "delivered"), TextOrNull(answer, "secret")) switch
    {
        // The controller keeps the old secret valid until the device reconnects with the new one (or a grace period
        // ends), so a device that misses the command is not locked out at once.
        (true, _) => $"New secret for {Text(answer, "id")} delivered to the device over its command topic; the old one stops working once it reconnects with it.\n",
        (_, { } secret) => $"{Text(answer, "id")} is offline: configure this new secret on the device by hand (shown once, not stored):\n{secret}\n",
        _ => $"The secret of {Text(answer, "id")} was rotated, but it was neither delivered nor returned: rotate again when the device is online.\n",
    };

    public static string Revoked(JsonElement device) =>
        $"Revoked {Text(device, "id")}: disconnected, and its secret will never be accepted again.\n";
}
