using ClvML.Clustering;
using ClvML.Configuration;
using ClvML.Features;
using ClvML.Models;
using ClvML.Persistence;
using ClvML.Registry;

namespace ClvML.Training;

/// <summary>
/// The segmentation of <c>clvml train</c> (<c>segmentation:</c>): k-means on the configured feature-table
/// columns through the configured transform, with k fixed or chosen over <c>k_range</c>
/// (<see cref="ClusterCountSearch"/>), cluster profiles and labels, and RFM score segments, with the k-means engine of
/// <c>segmentation.engine</c> (<see cref="ModelRegistry.Clusterers"/>). Writes the engine's model file
/// (<c>segments/kmeans.json</c>, or <c>kmeans.zip</c> for ML.NET's), <c>segments/k_selection.csv</c> (when k is auto), <c>segments/profiles.csv</c>,
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
        var engine = ModelRegistry.FindClusterer(settings.Engine)
            ?? throw new InputException($"segmentation.engine: unknown engine '{settings.Engine}'; expected one of {string.Join(", ", SegmentationSettings.KnownEngines)}.");
        var engineNote = engine == ModelRegistry.Clusterers[0] ? "" : $" with {engine.DisplayName}";
        var files = new List<RunFile>();
        IClusteringModel model;
        if (settings.K is { } k)
        {
            log($"segmentation: k-means{engineNote}, k = {k}, {settings.Restarts} restarts on [{string.Join(", ", x.Names)}] ({settings.Transform})");
            model = engine.Create(kmeans with { ClusterCount = k }).Fit(x);
        }
        else
        {
            var (min, max) = settings.KRange;
            log($"segmentation: k-means{engineNote}, k chosen over {min}..{max}, {settings.Restarts} restarts on [{string.Join(", ", x.Names)}] ({settings.Transform})");
            var search = new ClusterCountSearch(new ClusterCountSearchOptions { MinimumClusterCount = min, MaximumClusterCount = max, KMeans = kmeans })
                .Run(x, log: line => log("segmentation: " + line), clusterer: engine.Create);
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

        var modelFile = $"segments/{engine.FileName}";
        var modelPath = run.File(modelFile);
        model.Save(modelPath);
        files.Add(new RunFile(modelFile, engine.Kind, engine.FormatVersion, RunManifest.HashFile(modelPath)));
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
