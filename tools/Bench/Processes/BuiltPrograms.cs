namespace InfoRadio.Bench.Processes;

/// <summary>
/// Where this build put the repository's programs (<c>&lt;project&gt;/bin/&lt;configuration&gt;/net10.0/&lt;assembly&gt;</c>), so that a
/// scenario or a test runs the controller or the load simulator as deployed, in a process of its own.
/// </summary>
public static class BuiltPrograms
{
    public static string Controller(string from) => Find(from, Path.Combine("src", "Controller"), "InfoRadio.Controller.dll");

    public static string LoadSim(string from) => Find(from, Path.Combine("tools", "LoadSim"), "InfoRadio.LoadSim.dll");

    /// <param name="from">A folder inside the repository (e.g. <see cref="AppContext.BaseDirectory"/>); its configuration (Debug/Release) is used.</param>
    /// <param name="project">The project's folder, relative to the repository root.</param>
    public static string Find(string from, string project, string assembly)
    {
        var configuration = from.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "InfoRadio.sln"))) continue;
            var path = Path.Combine(dir.FullName, project, "bin", configuration, "net10.0", assembly);
            return File.Exists(path) ? path : throw new FileNotFoundException($"build {project} first (dotnet build InfoRadio.sln -c {configuration})", path);
        }
        throw new DirectoryNotFoundException($"no InfoRadio.sln above {from}");
    }
}
