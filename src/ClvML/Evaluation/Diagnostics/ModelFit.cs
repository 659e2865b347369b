using ClvML.Probabilistic;

namespace ClvML.Evaluation.Diagnostics;

/// <summary>
/// What the report says about how a transaction model's likelihood fit went: its parameters,
/// log-likelihood, whether they are weakly identified, and where it stands to the no-dropout limit.
/// Saved in report/diagnostics.json so that a rebuilt report says the same.
/// </summary>
/// <param name="Model">Model name (bgnbd, mbgnbd, pareto_nbd, bgbb).</param>
/// <param name="Parameters">Parameters by their paper names.</param>
/// <param name="LogLikelihood">Log-likelihood at the estimate.</param>
/// <param name="WeaklyIdentified">Whether the data hardly determine some parameter (<see cref="FitDiagnostics.WeaklyIdentified"/>).</param>
/// <param name="Dropout">The no-dropout diagnosis, or null (BG/BB, or a model saved before it was recorded).</param>
public sealed record ModelFit(string Model, IReadOnlyList<KeyValuePair<string, double>> Parameters, double LogLikelihood, bool WeaklyIdentified, DropoutDiagnosis? Dropout)
{
    /// <summary>The fit of <paramref name="model"/>, or null for a model built from given parameters.</summary>
    public static ModelFit? Of(ITransactionModel model) =>
        model.Diagnostics is { } d ? new ModelFit(model.Name, model.Parameters, d.LogLikelihood, d.WeaklyIdentified, d.Dropout) : null;

    /// <summary>Whether the fit is at the no-dropout limit (P(alive) about 1 for everyone).</summary>
    public bool AtNoDropoutLimit => Dropout?.AtLimit == true;
}
