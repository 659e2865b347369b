using System.Diagnostics;
using System.Text.Json;

namespace ClvML.Benchmarks;

/// <summary>Runs ../shared/bench/peers.py (pandas, scikit-learn, XGBoost with /usr/bin/python3) on the same CSV.</summary>
internal static class Peers
{
    /// <summary>The peers' JSON result, or null (with the reason printed) when they cannot run here.</summary>
    public static JsonElement? Run(string csv, DateOnly calibrationEnd, DateOnly observationEnd, string only)
    {
        var script = FindScript();
        if (script is null || !File.Exists("/usr/bin/python3"))
        {
            Console.WriteLine("peers: ../shared/bench/peers.py or /usr/bin/python3 not found; install python3-pandas python3-sklearn python3-xgboost");
            return null;
        }
        var start = new ProcessStartInfo("/usr/bin/python3",
            [script, csv, calibrationEnd.ToString("yyyy-MM-dd"), observationEnd.ToString("yyyy-MM-dd"), "--only", only])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"peers: exit {process.ExitCode}: {error.Trim()}");
            return null;
        }
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>Runs one of the project's own Python scripts with /usr/bin/python3 and parses its JSON output.</summary>
    public static JsonElement? RunScript(string script, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [script, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 0) return JsonDocument.Parse(output).RootElement.Clone();
        Console.WriteLine($"{Path.GetFileName(script)}: exit {process.ExitCode}: {error.Trim()}");
        return null;
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "bench", "peers.py");
            if (File.Exists(Path.Combine(dir.FullName, "ClvML.sln")) && File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
