using ClvML.Configuration;
using ClvML.Evaluation.Diagnostics;
using ClvML.Evaluation.Reporting;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Probabilistic;
using ClvML.Tests.Features;

namespace ClvML.Tests.Probabilistic;

/// <summary>
/// The no-dropout limit of BG/NBD, MBG/NBD and Pareto/NBD (<see cref="NoDropoutLimit"/>): its closed-form
/// likelihood is the limit of each model's own, a fit that supports dropout (CDNOW, Fader, Hardie &amp; Lee 2005)
/// is told apart from one that reaches the limit (Online Retail with calibration to 2011-08-31, where purchases
/// in September-December run above March-August and dropout only lowers the fit).
/// </summary>
public sealed class NoDropoutLimitTests
{
    private static PurchaseSummary Cdnow()
    {
        var table = CdnowData.FromTransactions();
        return PurchaseSummary.Create(table.Frequency, table.Recency, table.T);
    }

    [Fact]
    public void The_closed_form_is_the_limit_of_the_bgnbd_and_pareto_nbd_likelihoods()
    {
        var data = Cdnow();
        // FHL 2005's BG/NBD purchase-rate estimates; any (r, alpha) would do.
        const double r = 0.243, alpha = 4.414;
        var limit = NoDropoutLimit.LogLikelihood(r, alpha, data);
        // a -> 0 with b -> inf: B(a, b+x)/B(a, b) -> 1, the dropout term -> 0 (FHL 2005 eq. 6).
        Assert.Equal(limit, BgNbd.LogLikelihood(new BgNbdModel(r, alpha, 1e-9, 1e9), data), 1e-4);
        // s -> 0: Pareto/NBD's (beta/(beta+T))^s -> 1 and its s A0 term -> 0 (A0 grows like ((alpha+T)/(alpha+t_x))^(r+x), so s must be tiny).
        var pareto = 0.0;
        for (var i = 0; i < data.Rows; i++)
            pareto += data.Weight[i] * ParetoNbdLikelihood.LogLikelihood(r, alpha, 1e-30, 1.0, data.X[i], data.Tx[i], data.T[i]);
        Assert.Equal(limit, pareto, 1e-4);
        // And the limit is not the model: with FHL's dropout (a = 0.793, b = 2.426) the likelihood is higher.
        Assert.True(BgNbd.LogLikelihood(new BgNbdModel(r, alpha, 0.793, 2.426), data) > limit + 10);
    }

    [Fact]
    public void Cdnow_bgnbd_supports_dropout_and_is_not_at_the_limit()
    {
        var data = Cdnow();
        var model = new BgNbd().Fit(data);
        var d = Assert.IsType<DropoutDiagnosis>(model.Diagnostics!.Dropout);
        Assert.False(d.AtLimit);
        // The boundary's (r, alpha) is its maximum: a step of 0.1% either way in either parameter lowers it.
        Assert.Equal(d.NoDropoutLogLikelihood, NoDropoutLimit.LogLikelihood(d.NoDropoutR, d.NoDropoutAlpha, data), 1e-9);
        foreach (var (dr, da) in new[] { (1.001, 1.0), (0.999, 1.0), (1.0, 1.001), (1.0, 0.999) })
            Assert.True(NoDropoutLimit.LogLikelihood(d.NoDropoutR * dr, d.NoDropoutAlpha * da, data) < d.NoDropoutLogLikelihood);
        Assert.True(d.HighestDropoutProbability > 0.5, $"{d.HighestDropoutProbability}");
        // The likelihood-ratio against the boundary is far beyond chance (2 x 3.0 is the 5% point of chi-square, 2 df).
        Assert.True(model.Diagnostics.LogLikelihood - d.NoDropoutLogLikelihood > 3, $"{model.Diagnostics.LogLikelihood} vs {d.NoDropoutLogLikelihood}");
        Assert.Empty(FitNotes.Of(ModelFit.Of(model)!));
    }

    [Fact]
    public void Online_retail_fits_reach_the_limit_with_its_likelihood()
    {
        var features = new FeatureSettings { TimeUnit = TimeUnit.Day, CalibrationEnd = new DateOnly(2011, 8, 31) };
        var table = OnlineRetailFeatureTests.Build(OnlineRetailFeatureTests.OnlineRetail, features).Table;
        var data = PurchaseSummary.Create(table.Frequency, table.Recency, table.T);
        ITransactionModel[] models = [new BgNbd().Fit(data), new ModifiedBgNbd().Fit(data), new ParetoNbd().Fit(data)];
        foreach (var model in models)
        {
            var fit = model.Diagnostics!;
            var d = Assert.IsType<DropoutDiagnosis>(fit.Dropout);
            Assert.True(d.AtLimit, $"{model.Name}: {d.HighestDropoutProbability}");
            // The fitted likelihood is the boundary's: dropout adds nothing.
            Assert.Equal(d.NoDropoutLogLikelihood, fit.LogLikelihood, 1e-3);
            Assert.Equal(model.Parameters[0].Value, d.NoDropoutR, 1e-3);
            Assert.Equal(model.Parameters[1].Value, d.NoDropoutAlpha, 1e-3 * d.NoDropoutAlpha);
            var alive = new double[table.Count];
            model.ProbabilityAlive(table.Frequency, table.Recency, table.T, alive);
            Assert.True(alive.Min() > 1 - NoDropoutLimit.Threshold, $"{model.Name}: min P(alive) {alive.Min()}");
            var note = Assert.Single(FitNotes.Of(ModelFit.Of(model)!));
            Assert.Equal(FitNotes.NoDropoutLimit, note.Code);
            Assert.Contains("P(alive) is therefore about 1 for every customer", note.Message);
            Assert.Contains("overstates the value of customers who have in fact left", note.Message);
        }
    }

    [Fact]
    public void The_diagnosis_is_saved_with_the_model_and_older_files_load_without_it()
    {
        var model = new BgNbd().Fit(Cdnow());
        var path = Path.Combine(Path.GetTempPath(), $"clvml-nodropout-{Guid.NewGuid():N}.json");
        try
        {
            ProbabilisticModelFile.Save(model, path);
            var loaded = Assert.IsType<BgNbdModel>(ProbabilisticModelFile.Load(path));
            Assert.Equal(model.Diagnostics!.Dropout, loaded.Diagnostics!.Dropout);
            var text = File.ReadAllText(path);
            var start = text.IndexOf(",\n    \"no_dropout_limit\"", StringComparison.Ordinal);
            Assert.True(start > 0);
            File.WriteAllText(path, text[..start] + text[text.IndexOf('}', start)..][1..]);
            var old = Assert.IsType<BgNbdModel>(ProbabilisticModelFile.Load(path));
            Assert.Null(old.Diagnostics!.Dropout);
            Assert.Equal(model.Diagnostics.LogLikelihood, old.Diagnostics.LogLikelihood);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
