using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace ClvML.Tests.Cli;

/// <summary>
/// The built <c>clvml</c> executable run as a real process (src/ClvML.Cli/bin/CONFIGURATION/net10.0/ClvML.Cli,
/// built as a dependency of this project), for what only a process shows: signals, SIGKILL, exit codes
/// set by the runtime. Its stdout is redirected, so it prints plain progress lines, read as they come.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly string? _killAtLine;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _lineArrived = new(0);
    private readonly Thread _reader;

    private CliProcess(Process process, string? killAtLine)
    {
        _process = process;
        _killAtLine = killAtLine;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.Append(e.Data).Append('\n');
        };
        process.BeginErrorReadLine();
        // A thread of its own, blocked on the pipe, so a kill follows its line at once even when the test host is busy.
        _reader = new Thread(ReadLines) { IsBackground = true, Name = "clvml stdout" };
        _reader.Start();
    }

    /// <summary>The line after which the process was killed (see <see cref="Start"/>), or null.</summary>
    public string? KilledAfter { get; private set; }

    /// <summary>The executable, or a failed test saying how to build it.</summary>
    public static string Executable
    {
        get
        {
            var configuration = typeof(CliProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var path = Path.Combine(SharedData.RepositoryRoot, "src", "ClvML.Cli", "bin", configuration, "net10.0", OperatingSystem.IsWindows() ? "ClvML.Cli.exe" : "ClvML.Cli");
            if (!File.Exists(path)) Assert.Fail($"{path} not found: build src/ClvML.Cli ({configuration}) first; the test project references it so that dotnet test builds it.");
            return path;
        }
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Stdout lines so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    /// <summary>Stderr so far.</summary>
    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Skips a test that sends POSIX signals on a system without them.</summary>
    public static void RequireSignals()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) Assert.Skip("POSIX signals (kill -INT, -TERM, -KILL) are needed");
    }

    /// <summary>
    /// Skips a test of <paramref name="number"/> (2: SIGINT) when this test process ignores it: a shell
    /// without job control starts background commands so, and their children rightly keep ignoring it.
    /// </summary>
    public static void RequireNotIgnored(int number, string name)
    {
        if (!OperatingSystem.IsLinux()) return;
        var ignored = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (ignored is not null && (Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16) & (1UL << (number - 1))) != 0)
            Assert.Skip($"{name} is ignored by this test process (started in the background by a shell without job control), so the CLI it starts ignores it too");
    }

    /// <summary>
    /// Starts <c>clvml</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>; with
    /// <paramref name="killAtLine"/>, SIGKILLs it as soon as it prints a line containing that text.
    /// </summary>
    public static CliProcess Start(string workingDirectory, string? killAtLine, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("CLVML_DEBUG");
        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("the CLI did not start"), killAtLine);
    }

    private void ReadLines()
    {
        while (_process.StandardOutput.ReadLine() is { } line)
        {
            if (_killAtLine is not null && KilledAfter is null && line.Contains(_killAtLine, StringComparison.Ordinal) && !_process.HasExited)
            {
                // SIGKILL: the process ends at once and cleans up nothing.
                _process.Kill();
                KilledAfter = line;
            }
            lock (_lines) _lines.Add(line);
            _lineArrived.Release();
        }
    }

    /// <summary>Waits for a stdout line containing <paramref name="text"/>; fails the test when the process ends or the time is up first.</summary>
    public string WaitForLine(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var exited = _process.HasExited;
            if (exited) _reader.Join(); // every line it wrote has been read
            var line = Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null) return line;
            if (exited || DateTime.UtcNow > deadline)
                Assert.Fail($"no line with '{text}' within {timeout.TotalSeconds:0} s (exited: {exited}); stdout:\n{string.Join('\n', Lines)}\nstderr:\n{Stderr}");
            _lineArrived.Wait(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Sends SIGINT or SIGTERM (<paramref name="signal"/>: INT, TERM) with the kill command.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the end (and reaps the process); a process still running after <paramref name="hangGuard"/> is killed and the test fails.</summary>
    public int WaitForExit(TimeSpan hangGuard)
    {
        if (!_process.WaitForExit(hangGuard))
        {
            _process.Kill();
            _process.WaitForExit();
            Assert.Fail($"the CLI still ran after {hangGuard.TotalSeconds:0} s; stdout:\n{string.Join('\n', Lines)}\nstderr:\n{Stderr}");
        }
        _process.WaitForExit(); // stderr is drained too
        _reader.Join();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        _lineArrived.Dispose();
    }
}
