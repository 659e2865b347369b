using System.Diagnostics;

namespace ClvML.Tests.Cli;

/// <summary>
/// A small tmpfs mounted on a fresh folder, to give the CLI a real full disk (ENOSPC) or a real
/// read-only file system (EROFS): as root, permissions do not stop writes, a mount does. Mounting
/// needs root; without it the test is skipped with the reason (a failure under CI).
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kilobytes"/> KiB, read-only when <paramref name="readOnly"/>.</summary>
    public static TmpfsMount Create(int kilobytes, bool readOnly = false)
    {
        var path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clvml-tmpfs-" + Guid.NewGuid().ToString("N"))).FullName;
        var options = $"size={kilobytes}k" + (readOnly ? ",ro" : "");
        var (code, error) = OperatingSystem.IsLinux() ? Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path) : (-1, "not Linux");
        if (code != 0)
        {
            Directory.Delete(path);
            var reason = $"mounting a tmpfs ({options}) failed: {error.Trim()}; the full-disk and read-only tests need root on Linux";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail(reason + "; CI is set, so this is a failure.");
            Assert.Skip(reason);
        }
        return new TmpfsMount(path);
    }

    /// <summary>Every file under the mount, hidden ones included.</summary>
    public string[] Files() => Directory.GetFiles(Path, "*", SearchOption.AllDirectories);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
