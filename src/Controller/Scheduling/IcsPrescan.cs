namespace InfoRadio.Controller.Scheduling;

/// <summary>
/// Checks the shape of an .ics text before the parser sees it: size, line length, binary content, one calendar,
/// balanced and shallow components, a bounded number of events. The parser is never handed what it would choke on.
/// </summary>
internal static class IcsPrescan
{
    public static string? Check(string text, IcsLimits limits)
    {
        if (text.Length == 0) return "the file is empty";
        if (text.Length > limits.MaxChars) return $"the file is larger than {limits.MaxChars} characters";
        if (text.Contains('\0')) return "the file contains binary data (NUL characters): it is not an iCalendar text file";

        var stack = new Stack<string>();
        var calendars = 0;
        var events = 0;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length > limits.MaxLineLength) return $"line {lineNumber} is longer than {limits.MaxLineLength} characters";
            if (line.Length == 0 || line[0] is ' ' or '\t') continue;
            if (stack.Count == 0 && !IsBegin(line, out _)) return $"line {lineNumber}: content outside BEGIN:VCALENDAR … END:VCALENDAR";

            if (IsBegin(line, out var begin))
            {
                if (stack.Count == 0)
                {
                    if (!begin.Equals("VCALENDAR", StringComparison.OrdinalIgnoreCase)) return $"line {lineNumber}: the file must start with BEGIN:VCALENDAR";
                    if (++calendars > 1) return $"line {lineNumber}: only one VCALENDAR per file";
                }
                stack.Push(begin);
                if (stack.Count > limits.MaxDepth) return $"line {lineNumber}: components nested deeper than {limits.MaxDepth} levels";
                if (begin.Equals("VEVENT", StringComparison.OrdinalIgnoreCase) && ++events > limits.MaxEvents)
                    return $"the file has more than {limits.MaxEvents} events";
            }
            else if (IsEnd(line, out var end))
            {
                if (stack.Count == 0 || !stack.Peek().Equals(end, StringComparison.OrdinalIgnoreCase))
                    return $"line {lineNumber}: END:{Clip(end)} does not close {(stack.Count == 0 ? "anything" : "BEGIN:" + Clip(stack.Peek()))}";
                stack.Pop();
            }
        }
        if (calendars == 0) return "no BEGIN:VCALENDAR found";
        if (stack.Count > 0) return $"BEGIN:{Clip(stack.Peek())} is never closed";
        return null;
    }

    private static bool IsBegin(string line, out string name) => Component(line, "BEGIN:", out name);

    private static bool IsEnd(string line, out string name) => Component(line, "END:", out name);

    private static bool Component(string line, string prefix, out string name)
    {
        name = "";
        if (!line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        name = line[prefix.Length..].Trim();
        return true;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
