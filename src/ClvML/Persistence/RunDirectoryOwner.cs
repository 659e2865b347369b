using System.Diagnostics;
using System.Globalization;

namespace ClvML.Persistence;

/// <summary>
/// The owner file beside a run's temporary folder (<c>.NAME.incomplete-GUID.owner</c>): the id and
/// start time of the process writing the run, in a file that process keeps open with an exclusive
/// lock until the run is committed or removed. The operating system drops the lock when the
/// process ends in any way, SIGKILL included. A folder counts as left behind only when both say so:
/// the lock can be taken and no process with that id and start time runs. Either alone can be
/// wrong: locks are advisory and some file systems do not support them (a lock taken there proves
/// nothing), and a process id means nothing to another machine or container sharing the folder.
/// </summary>
internal sealed class RunDirectoryOwner
{
    /// <summary>The owner file's name is the temporary folder's name plus this.</summary>
    public const string Suffix = ".owner";

    // Process start times are derived from the boot time and the clock, which may be adjusted in
    // between; the same process is found again well within this.
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(2);

    private readonly string _path;
    private FileStream? _lock;

    private RunDirectoryOwner(string path, FileStream held)
    {
        _path = path;
        _lock = held;
    }

    /// <summary>Creates and locks the owner file of the temporary folder <paramref name="folder"/> for this process.</summary>
    public static RunDirectoryOwner Claim(string folder)
    {
        var path = folder + Suffix;
        var held = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            using var current = Process.GetCurrentProcess();
            var record = $"pid={Environment.ProcessId}\nstarted={current.StartTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)}\n";
            held.Write(System.Text.Encoding.UTF8.GetBytes(record));
            held.Flush();
        }
        catch
        {
            held.Dispose();
            System.IO.File.Delete(path);
            throw;
        }
        return new RunDirectoryOwner(path, held);
    }

    /// <summary>Lets go of the lock; <paramref name="removeRecord"/> also deletes the file (the folder is gone or committed).</summary>
    public void Release(bool removeRecord)
    {
        var held = Interlocked.Exchange(ref _lock, null);
        if (held is null) return;
        held.Dispose();
        if (!removeRecord) return;
        try
        {
            System.IO.File.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray owner file of a gone process is removed by a later training.
        }
    }

    /// <summary>
    /// Whether the process that wrote the owner file <paramref name="ownerPath"/> is gone. False when
    /// it may still run: the file is locked, missing, unreadable or not a record, or a process with
    /// its id and start time exists.
    /// </summary>
    public static bool IsGone(string ownerPath)
    {
        string record;
        try
        {
            using var probe = new FileStream(ownerPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            using var reader = new StreamReader(probe);
            record = reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // locked by a live owner, or gone, or unreadable: nothing to decide on
        }
        return TryParse(record, out var pid, out var started) && !IsRunning(pid, started);
    }

    private static bool TryParse(string record, out int pid, out DateTime started)
    {
        pid = 0;
        started = default;
        var fields = record.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return fields.TryGetValue("pid", out var p) && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out pid)
            && fields.TryGetValue("started", out var s)
            && DateTime.TryParseExact(s, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out started);
    }

    private static bool IsRunning(int pid, DateTime startedUtc)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return (process.StartTime.ToUniversalTime() - startedUtc).Duration() < StartTimeTolerance;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false; // no such process, or it exited while being looked at
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return true; // its start time cannot be read: it may be the owner
        }
    }
}
