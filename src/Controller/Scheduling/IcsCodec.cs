using System.Text;

namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Exports schedules with their programs as an RFC 5545 .ics calendar and imports them back. A round trip gives
/// equal programs and schedules, except that imported programs are drafts authored by the importing user (an
/// approval never travels in a file) and times keep whole seconds only. Import never throws on bad input: it
/// returns the reasons, all or nothing.
/// </summary>
public sealed class IcsCodec(IcsLimits? limits = null)
{
    private readonly IcsLimits _limits = limits ?? new IcsLimits();

    public const string MediaType = "text/calendar";

    /// <summary>The calendar text; throws <see cref="SchedulingException"/> if an entry is invalid.</summary>
    public string Export(IEnumerable<ScheduledProgram> entries, DateTimeOffset exportedAt) => IcsWriter.Write(entries, exportedAt);

    public IcsImportResult Import(string ics, string importedBy, DateTimeOffset importedAt) =>
        new IcsReader(_limits).Read(ics, importedBy, importedAt);

    /// <summary>Reads at most the size limit from <paramref name="stream"/> (UTF-8 unless a byte-order mark says otherwise).</summary>
    public async Task<IcsImportResult> ImportAsync(Stream stream, string importedBy, DateTimeOffset importedAt, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var buffer = new char[_limits.MaxChars + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            read += n;
        }
        if (read > _limits.MaxChars) return IcsImportResult.Failure($"the file is larger than {_limits.MaxChars} characters");
        return Import(new string(buffer, 0, read), importedBy, importedAt);
    }
}
