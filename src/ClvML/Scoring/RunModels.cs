using ClvML.Persistence;
using ClvML.Models;
using ClvML.Probabilistic;
using ClvML.Registry;

namespace ClvML.Scoring;

/// <summary>
/// The models of a saved run that scoring uses, loaded from verified files: the primary
/// transaction model (the first of <c>probabilistic.transaction_models</c> the run has), the
/// Gamma-Gamma spend model, the k-means model (of whichever registered engine trained it), and the best regressor.
/// A stage the run did not train is null.
/// </summary>
internal sealed record RunModels(ITransactionModel? Transactions, GammaGammaModel? Spend, IClusteringModel? Segments, IRegressionModel? Regressor)
{
    public static RunModels Load(SavedRun run)
    {
        ITransactionModel? transactions = null;
        foreach (var name in run.Config.Probabilistic.TransactionModels)
        {
            var file = $"probabilistic/{name}.json";
            if (!run.Has(file)) continue;
            transactions = ProbabilisticModelFile.Load(run.Require(file, ProbabilisticModelFile.FormatVersion)) as ITransactionModel
                ?? throw new RunIntegrityException(Path.Combine(run.Path, file), "does not hold a transaction model; restore the run or train again");
            break;
        }
        const string SpendFile = "probabilistic/gamma_gamma.json";
        var spend = run.Has(SpendFile)
            ? ProbabilisticModelFile.Load(run.Require(SpendFile, ProbabilisticModelFile.FormatVersion)) as GammaGammaModel
            : null;
        return new RunModels(transactions, spend, LoadSegments(run), LoadRegressor(run));
    }

    private static IClusteringModel? LoadSegments(SavedRun run)
    {
        var entry = run.Manifest.Files.FirstOrDefault(f => ModelRegistry.Clusterers.Any(k => $"segments/{k.FileName}" == f.Path));
        if (entry is null) return null;
        var kind = ModelRegistry.FindClustererByModelKind(entry.Kind)
            ?? throw new RunIntegrityException(Path.Combine(run.Path, entry.Path), $"its kind '{entry.Kind}' is not a k-means engine this ClvML knows; upgrade ClvML or retrain the run");
        return kind.Load(run.Require(entry.Path, kind.FormatVersion));
    }

    private static IRegressionModel? LoadRegressor(SavedRun run)
    {
        var entry = run.Manifest.Files.FirstOrDefault(f => ModelRegistry.Regressors.Any(k => k.RunPath == f.Path));
        if (entry is null) return null;
        var kind = ModelRegistry.FindRegressor(entry.Kind)
            ?? throw new RunIntegrityException(Path.Combine(run.Path, entry.Path), $"its kind '{entry.Kind}' is not a regressor this ClvML knows; upgrade ClvML or retrain the run");
        return kind.Load(run.Require(entry.Path, kind.FormatVersion));
    }
}
