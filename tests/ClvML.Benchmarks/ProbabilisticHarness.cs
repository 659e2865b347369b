using System.Diagnostics;
using System.Globalization;
using ClvML.Probabilistic;

namespace ClvML.Benchmarks;

/// <summary>
/// Issue targets (2 cores): BG/NBD fit on 1,000,000 simulated customers in at most 0.2 s, Gamma-Gamma on
/// 1,000,000 in at most 0.1 s, Pareto/NBD on CDNOW in at most 0.05 s. Each fit runs from the per-customer
/// arrays (compression, fit and standard errors included) after one warm-up; medians of the runs are reported.
/// The simulated customers have CDNOW's shape: the FHL 2005 estimates, ages of 0-272 days in weeks and
/// recency on the day grid, as features built from daily transactions are.
/// <c>dotnet run -c Release --project tests/ClvML.Benchmarks -- probabilistic [--customers N] [--repeat R]</c>
/// </summary>
internal static class ProbabilisticHarness
{
    public static int Run(string[] args)
    {
        var customers = Option(args, "--customers", 1_000_000);
        var repeat = Option(args, "--repeat", 7);
        var random = new Random(1);
        var ages = new double[customers];
        for (var i = 0; i < customers; i++) ages[i] = random.Next(0, 273) / 7.0;
        var truth = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        var data = truth.Simulate(ages, seed: 2, period: 1 / 7.0);
        var repeatCustomers = data.Frequency.Count(x => x > 0);
        Console.WriteLine($"simulated {customers:N0} BG/NBD customers ({repeatCustomers:N0} with repeat purchases), {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        BgNbdModel? bg = null;
        var bgTimes = Time(repeat, () => bg = new BgNbd().Fit(data.Frequency, data.Recency, data.T));
        Console.WriteLine($"BG/NBD fit: median {Median(bgTimes):F3} s (runs {Join(bgTimes)}; {Cpu()}); {bg!.Diagnostics!.Rows:N0} rows after compression; " +
            $"r {bg.R:F4} alpha {bg.Alpha:F4} a {bg.A:F4} b {bg.B:F4} (truth 0.243, 4.414, 0.793, 2.426); {bg.Diagnostics.Iterations} iterations");

        // Gamma-Gamma on a million repeat customers: frequencies from the simulation (at least 1), spends from the CDNOW estimates.
        var frequency = data.Frequency.Select(x => Math.Max(1, x)).ToArray();
        var spend = new GammaGammaModel(6.25, 3.74, 15.44).Simulate(frequency, seed: 3);
        GammaGammaModel? gg = null;
        var ggTimes = Time(repeat, () => gg = new GammaGamma().Fit(frequency, spend));
        Console.WriteLine($"Gamma-Gamma fit on {frequency.Length:N0} customers: median {Median(ggTimes):F3} s (runs {Join(ggTimes)}; {Cpu()}); " +
            $"p {gg!.P:F4} q {gg.Q:F4} gamma {gg.Gamma:F4} (truth 6.25, 3.74, 15.44)");

        var summary = CdnowSummary();
        if (summary is { } s)
        {
            ParetoNbdModel? pareto = null;
            var paretoTimes = Time(Math.Max(repeat, 11), () => pareto = new ParetoNbd().Fit(s.X, s.Tx, s.T));
            Console.WriteLine($"Pareto/NBD fit on CDNOW ({s.X.Length:N0} customers): median {Median(paretoTimes):F4} s (runs {Join(paretoTimes)}; {Cpu()}); " +
                $"r {pareto!.R:F5} alpha {pareto.Alpha:F5} s {pareto.S:F5} beta {pareto.Beta:F5} LL {pareto.Diagnostics!.LogLikelihood:F2}");
            BgNbdModel? cdnow = null;
            var cdnowTimes = Time(Math.Max(repeat, 11), () => cdnow = new BgNbd().Fit(s.X, s.Tx, s.T));
            Console.WriteLine($"BG/NBD fit on CDNOW: median {Median(cdnowTimes):F4} s; LL {cdnow!.Diagnostics!.LogLikelihood:F2}");
        }
        else Console.WriteLine("Pareto/NBD on CDNOW skipped: ../shared/data/cdnow/cdnow_customers_summary.csv not found");
        return 0;
    }

    /// <summary>Wall-clock seconds per run; the process CPU seconds per run go to <see cref="LastCpu"/> (on a shared machine wall time includes waiting).</summary>
    private static List<double> Time(int runs, Action fit)
    {
        fit(); // warm-up: JIT and first-touch allocations
        var times = new List<double>();
        LastCpu = [];
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            fit();
            times.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            LastCpu.Add((process.TotalProcessorTime - cpu).TotalSeconds);
        }
        return times;
    }

    private static List<double> LastCpu = [];

    private static string Cpu() => $"CPU median {Median(LastCpu):F3} s";

    /// <summary>The 1-minute load average on Linux (the machine is shared, so timings depend on it).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static (double[] X, double[] Tx, double[] T)? CdnowSummary()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "ClvML.sln"))) continue;
            var path = Path.Combine(dir.FullName, "..", "shared", "data", "cdnow", "cdnow_customers_summary.csv");
            if (!File.Exists(path)) return null;
            var rows = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0)
                .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            return ([.. rows.Select(r => r[1])], [.. rows.Select(r => r[2])], [.. rows.Select(r => r[3])]);
        }
        return null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Join(List<double> times) => string.Join(", ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)));

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
