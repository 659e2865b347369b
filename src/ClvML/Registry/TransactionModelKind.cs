using ClvML.Features;
using ClvML.Probabilistic;

namespace ClvML.Registry;

/// <summary>
/// One "buy till you die" purchase model (<c>probabilistic.transaction_models</c>): its config name, how the
/// report names it, how it is fitted and how a saved one is rebuilt. <c>ProbabilisticModelFile</c> reads and writes
/// the files, whose format version covers every kind. Registered once, in <see cref="ModelRegistry.TransactionModels"/>.
/// </summary>
/// <param name="Name">Config name, the model file's name and the leaderboard's model name.</param>
/// <param name="DisplayName">How the report names the model alone (purchase-count charts).</param>
/// <param name="Fit">Fits it: the shared fit options (penalizer, limits), the compressed histories, and the feature table.</param>
/// <param name="Restore">
/// Rebuilds a saved model: its parameters by the paper's names (a missing one throws), and the fit's diagnostics
/// and standard errors as saved.
/// </param>
public sealed record TransactionModelKind(string Name, string DisplayName,
    Func<FitOptions, PurchaseSummary, CustomerFeatureTable, CancellationToken, ITransactionModel> Fit,
    Func<Func<string, double>, FitDiagnostics?, IReadOnlyDictionary<string, double>?, ITransactionModel> Restore)
{
    /// <summary>Whether the model needs discrete purchase periods (BG/BB: one purchase opportunity per time unit).</summary>
    public bool NeedsDiscretePeriods { get; init; }
}
