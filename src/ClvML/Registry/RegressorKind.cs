using ClvML.Models;

namespace ClvML.Registry;

/// <summary>
/// One kind of regressor as the rest of ClvML knows it: the config name, the trainer and its option space,
/// the saved file and how to load it back. Registered once, in <see cref="ModelRegistry.Regressors"/>.
/// </summary>
/// <param name="Name">Config name (<c>regression.trainers</c>), the leaderboard's trainer name and the manifest's file kind.</param>
/// <param name="DisplayName">How the report names it.</param>
/// <param name="FormatVersion">Newest format version of its model file that this ClvML writes and reads.</param>
/// <param name="FileName">Its model file inside <c>regression/</c> (ML.NET models are zip files).</param>
/// <param name="Space">The trainer's option space for the search; the argument says whether the target cannot be negative.</param>
/// <param name="Load">Reads a model file written by <see cref="IRegressionModel.Save"/>.</param>
public sealed record RegressorKind(string Name, string DisplayName, int FormatVersion, string FileName,
    Func<bool, TrainerSpace> Space, Func<string, IRegressionModel> Load)
{
    /// <summary>
    /// Whether NaN in a feature means "missing" to this kind (boosted trees learn a default direction for it)
    /// instead of being refused; infinite values are refused by every kind.
    /// </summary>
    public bool AcceptsMissingValues { get; init; }

    /// <summary>Whether the search tries it when the config names no trainers (ClvML's established trainers; others are chosen by name).</summary>
    public bool InDefaultSearch { get; init; }

    /// <summary>Where a run keeps a model of this kind, relative to the run directory.</summary>
    public string RunPath => $"regression/{FileName}";
}
