using ClvML.Clustering;
using ClvML.Configuration;
using ClvML.Features;
using ClvML.Persistence;

namespace ClvML.Training;

/// <summary>
/// The segmentation of <c>clvml train</c> (<c>segmentation:</c>): k-means on the configured feature-table
/// columns through the configured transform, with k fixed or chosen over <c>k_range</c>
/// (<see cref="ClusterCountSearch"/>), cluster profiles and labels, and RFM score segments. Writes
/// <c>segments/kmeans.json</c>, <c>segments/k_selection.csv</c> (when k is auto), <c>segments/profiles.csv</c>,
/// <c>segments/assignments.csv</c> and <c>segments/rfm_segments.csv</c> (when <c>rfm_segments</c>).
/// </summary>
public static class SegmentationStage
{
    /// <summary>Runs the stage when enabled; returns the files written, for the manifest.</summary>
    /// <param name="config">The run's config.</param>
    /// <param name="table">The calibration features.</param>
    /// <param name="run">The run directory.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="extraColumns">Extra per-customer columns (e.g. p_alive, clv) whose cluster means go into the profiles as mean_&lt;name&gt;.</param>
    public static IReadOnlyList<RunFile> Run(TrainConfig config, CustomerFeatureTable table, RunDirectory run, Action<string> log,
        IReadOnlyDictionary<string, double[]>? extraColumns = null)
    {
        var settings = config.Segmentation;
        if (!settings.Enabled) return [];
        var names = settings.Features;
        // The default features include tenure_days, which a summary input does not have; its age T
        // (time since the first purchase) is the same quantity in the table's time unit.
        if (table.Rfm is null && names.SequenceEqual(new SegmentationSettings().Features))
        {
            names = [.. names.Select(n => n == "tenure_days" ? "T" : n)];
            log("segmentation: summary input, so the default features use T for tenure_days");
        }
        var x = ModelInputs.Select(table, names, "segmentation.features");
        var kmeans = new KMeansOptions
        {
            Transform = FeatureTransform.Parse(settings.Transform),
            Restarts = settings.Restarts,
            Seed = config.Run.Seed,
        };
        var files = new List<RunFile>();
        KMeansModel model;
        if (settings.K is { } k)
        {
            log($"segmentation: k-means, k = {k}, {settings.Restarts} restarts on [{string.Join(", ", x.Names)}] ({settings.Transform})");
            model = new KMeans(kmeans with { ClusterCount = k }).Fit(x);
        }
        else
        {
            var (min, max) = settings.KRange;
            log($"segmentation: k-means, k chosen over {min}..{max}, {settings.Restarts} restarts on [{string.Join(", ", x.Names)}] ({settings.Transform})");
            var search = new ClusterCountSearch(new ClusterCountSearchOptions { MinimumClusterCount = min, MaximumClusterCount = max, KMeans = kmeans })
                .Run(x, log: line => log("segmentation: " + line));
            log($"segmentation: chose k = {search.ChosenClusterCount} ({ClusterCountSearch.Rule})");
            files.Add(SegmentationFiles.WriteClusterCountTable(search, run));
            model = search.Model;
        }

        var values = CustomerValues.From(table);
        var assignments = model.TrainingAssignments;
        var profiles = ClusterProfile.Build(values, assignments, model.ClusterCount, extraColumns);
        model = model.WithLabels([.. profiles.Select(p => p.Label)]);
        foreach (var p in profiles)
            log($"segmentation: cluster {p.Cluster} \"{p.Label}\": {p.CustomerShare:P1} of customers, {p.RevenueShare:P1} of revenue");
        var rfm = settings.RfmSegments ? RfmScoring.Score(values) : null;

        var modelPath = run.File("segments/kmeans.json");
        model.Save(modelPath);
        files.Add(new RunFile("segments/kmeans.json", "kmeans", KMeansModelJson.FormatVersion, RunManifest.HashFile(modelPath)));
        files.Add(SegmentationFiles.WriteProfiles(profiles, run));
        files.Add(SegmentationFiles.WriteAssignments(table, assignments, model.Labels, rfm, run));
        if (rfm is not null)
        {
            files.Add(SegmentationFiles.WriteRfmSegments(values, rfm, run));
            log($"segmentation: RFM segments: {string.Join(", ", rfm.Segments.CountBy(s => s).OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:N0}"))}");
        }
        return files;
    }
}
