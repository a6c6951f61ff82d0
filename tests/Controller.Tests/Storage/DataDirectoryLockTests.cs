using System.Diagnostics;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;

namespace InfoRadio.Controller.Tests.Storage;

public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Acquire_creates_the_folder_and_writes_the_pid()
    {
        var dataDir = Path.Combine(_dir.Path, "nested", "data");
        using var held = DataDirectoryLock.Acquire(dataDir);

        Assert.True(Directory.Exists(dataDir));
        Assert.Equal(Path.Combine(dataDir, DataDirectoryLock.LockFileName), held.LockFilePath);
        // The lock is advisory (flock): a tool that does not ask for it can read the pid. (.NET itself asks.)
        using var cat = Process.Start(new ProcessStartInfo("cat", [held.LockFilePath]) { RedirectStandardOutput = true })!;
        var content = cat.StandardOutput.ReadToEnd();
        cat.WaitForExit();
        Assert.Equal(Environment.ProcessId.ToString(), content.Trim());
    }

    [Fact]
    public void A_second_acquisition_in_the_same_process_fails_with_a_clear_message()
    {
        using var first = DataDirectoryLock.Acquire(_dir.Path);

        var ex = Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(_dir.Path));
        Assert.Contains("in use by another InfoRadio controller", ex.Message);
        Assert.Contains(_dir.Path, ex.Message);
        Assert.Equal(_dir.Path, ex.DataDir);
    }

    [Fact]
    public void Disposing_releases_the_folder()
    {
        DataDirectoryLock.Acquire(_dir.Path).Dispose();
        using var again = DataDirectoryLock.Acquire(_dir.Path);
        Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(_dir.Path));
    }

    [Fact]
    public void Another_process_cannot_lock_the_folder_while_it_is_held()
    {
        var lockFile = Path.Combine(_dir.Path, DataDirectoryLock.LockFileName);
        using (DataDirectoryLock.Acquire(_dir.Path))
        {
            Assert.Equal(1, RunFlock("-n", "-E", "1", lockFile, "true"));
        }
        Assert.Equal(0, RunFlock("-n", "-E", "1", lockFile, "true"));
    }

    [Fact]
    public async Task Acquire_fails_while_another_process_holds_the_folder()
    {
        var lockFile = Path.Combine(_dir.Path, DataDirectoryLock.LockFileName);
        // -o: only flock itself holds the lock (not its sleep child), so killing it releases the lock. No -n: it
        // waits rather than fail if one of our probes below briefly holds the lock as it starts.
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-o", lockFile, "sleep", "60"]))!;
        try
        {
            // Wait until the other process really holds it (a probe of our own fails while it does).
            await Poll.UntilAsync(() => RunFlock("-n", "-E", "1", lockFile, "true") == 1 || holder.HasExited, "the other process holds the lock");
            Assert.False(holder.HasExited, $"flock could not take the lock (exit code {(holder.HasExited ? holder.ExitCode : 0)})");

            var ex = Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(_dir.Path));
            Assert.Contains("another InfoRadio controller", ex.Message);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }
        // The kernel releases the lock when the killed process is gone.
        DataDirectoryLock? mine = null;
        await Poll.UntilAsync(() => TryAcquire(out mine), "the lock is free again");
        mine!.Dispose();
    }

    private bool TryAcquire(out DataDirectoryLock? held)
    {
        try
        {
            held = DataDirectoryLock.Acquire(_dir.Path);
            return true;
        }
        catch (DataDirectoryInUseException)
        {
            held = null;
            return false;
        }
    }

    private static int RunFlock(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("flock", args))!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
