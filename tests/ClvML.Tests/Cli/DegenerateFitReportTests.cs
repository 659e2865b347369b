using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClvML.Tests.Cli;

/// <summary>
/// The report of a run whose BTYD fits all reach the no-dropout limit: UCI Online Retail with calibration
/// to 2011-08-31 (purchases in September-December run above March-August, so dropout only lowers the fit).
/// The diagnosis is in every model file, the manifest, metrics.json and the report; the three models that
/// become one are shown tied, none of them "best" alone; the P(alive) heat map's caption says what it shows.
/// </summary>
public sealed class DegenerateFitReportTests
{
    private static readonly string[] Limited = ["bgnbd", "pareto_nbd", "mbgnbd"];

    [Fact]
    public void Online_retail_to_2011_08_31_reports_the_no_dropout_limit_ties_and_a_true_caption()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", $"""
            run:
              name: retail
            {SharedData.OnlineRetailYaml(calibrationEnd: "2011-08-31")}
            regression:
              enabled: false
            """);
        Assert.Equal(0, run.Run("train", "--config", config, "--output-dir", run.Path_("models")));
        var dir = Path.Combine(run.Path_("models"), "retail");
        foreach (var model in Limited) Assert.Contains($"warning: {Display(model)}: the fit reached the no-dropout limit", run.Stdout);

        foreach (var model in Limited)
        {
            using var file = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "probabilistic", model + ".json")));
            var limit = file.RootElement.GetProperty("diagnostics").GetProperty("no_dropout_limit");
            Assert.True(limit.GetProperty("at_limit").GetBoolean());
            Assert.Equal(file.RootElement.GetProperty("log_likelihood").GetDouble(), limit.GetProperty("log_likelihood").GetDouble(), 1e-3);
        }
        using (var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "manifest.json"))))
        {
            var warnings = manifest.RootElement.GetProperty("warnings").EnumerateArray().ToList();
            Assert.Equal(Limited, warnings.Where(w => w.GetProperty("code").GetString() == "no_dropout_limit").Select(w => w.GetProperty("subject").GetString()));
            var ranks = manifest.RootElement.GetProperty("metrics").EnumerateArray().Take(3).Select(m => m.GetProperty("rank").GetInt32());
            Assert.Equal([1, 1, 1], ranks);
        }
        using (var metrics = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "report", "metrics.json"))))
        {
            var models = metrics.RootElement.GetProperty("models").EnumerateArray().ToList();
            // The three tie for first, in config order; the next model is ranked 4th.
            Assert.Equal(Limited, models.Take(3).Select(m => m.GetProperty("name").GetString()));
            Assert.Equal([1, 1, 1, 4], models.Take(4).Select(m => m.GetProperty("rank").GetInt32()));
            foreach (var m in models.Take(3))
            {
                var fit = m.GetProperty("fit");
                Assert.True(fit.GetProperty("no_dropout_limit").GetBoolean());
                Assert.Equal(fit.GetProperty("log_likelihood").GetDouble(), fit.GetProperty("no_dropout_log_likelihood").GetDouble(), 1e-3);
            }
            Assert.Equal(3, metrics.RootElement.GetProperty("warnings").EnumerateArray().Count(w => w.GetProperty("code").GetString() == "no_dropout_limit"));
        }

        var html = File.ReadAllText(Path.Combine(dir, "report", "report.html"));
        foreach (var model in Limited)
            Assert.Contains($"<div class=\"warning\" role=\"note\"><strong>Fit at the no-dropout limit.</strong> {Display(model)}: the fit reached the no-dropout limit", html);
        Assert.Contains("3 models tie for best: BG/NBD × Gamma-Gamma, Pareto/NBD × Gamma-Gamma and MBG/NBD × Gamma-Gamma", html);
        Assert.DoesNotContain("the best is", html);
        Assert.Equal(3, Regex.Matches(html, "<td class=\"num\">1 \\(tie\\)</td>").Count);
        Assert.Contains("× Gamma-Gamma (no-dropout limit)</td>", html);
        Assert.Contains("Every cell shows 1.00", html);
        Assert.DoesNotContain("the ones the model calls lost", html);
        Assert.Contains("The lines of BG/NBD, Pareto/NBD and MBG/NBD lie on top of one another", html);
        var markdown = File.ReadAllText(Path.Combine(dir, "report", "report.md"));
        Assert.Contains("| 1 (tie) | BG/NBD × Gamma-Gamma (no-dropout limit) |", markdown);
        Assert.Contains("> **Fit at the no-dropout limit.** BG/NBD: the fit reached", markdown);

        // Rebuilt from the run alone, the report says the same.
        var before = File.ReadAllBytes(Path.Combine(dir, "report", "report.html"));
        File.Delete(Path.Combine(dir, "report", "report.html"));
        Assert.Equal(0, run.Run("report", "--run", dir));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir, "report", "report.html")));
    }

    private static string Display(string model) => model switch
    {
        "bgnbd" => "BG/NBD",
        "pareto_nbd" => "Pareto/NBD",
        _ => "MBG/NBD",
    };
}
