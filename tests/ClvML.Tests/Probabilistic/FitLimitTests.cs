using ClvML.Numerics;
using ClvML.Probabilistic;

namespace ClvML.Tests.Probabilistic;

/// <summary>Every model's fit honours its time limit, its evaluation budget and a cancellation token.</summary>
public sealed class FitLimitTests
{
    private static readonly SimulatedCustomers Customers =
        new BgNbdModel(0.243, 4.414, 0.793, 2.426).Simulate([.. Enumerable.Range(0, 3000).Select(i => 5 + i % 34 + (i % 7) / 7.0)], seed: 21, period: 1 / 7.0);

    private static readonly SimulatedCustomers Periods = new BgBbModel(1.2, 0.75, 0.66, 2.78).Simulate([.. Enumerable.Repeat(6.0, 3000)], seed: 22);

    public static TheoryData<string> Models => ["bgnbd", "mbgnbd", "pareto_nbd", "bgbb", "gamma_gamma"];

    private static IProbabilisticModel Fit(string model, TimeSpan? timeLimit = null, int? maximumEvaluations = null, CancellationToken cancellationToken = default)
    {
        var (x, tx, T) = (Customers.Frequency, Customers.Recency, Customers.T);
        return model switch
        {
            "bgnbd" => new BgNbd(new BgNbdOptions { TimeLimit = timeLimit, MaximumEvaluations = maximumEvaluations }).Fit(x, tx, T, cancellationToken: cancellationToken),
            "mbgnbd" => new ModifiedBgNbd(new ModifiedBgNbdOptions { TimeLimit = timeLimit, MaximumEvaluations = maximumEvaluations }).Fit(x, tx, T, cancellationToken: cancellationToken),
            "pareto_nbd" => new ParetoNbd(new ParetoNbdOptions { TimeLimit = timeLimit, MaximumEvaluations = maximumEvaluations }).Fit(x, tx, T, cancellationToken: cancellationToken),
            "bgbb" => new BgBb(new BgBbOptions { TimeLimit = timeLimit, MaximumEvaluations = maximumEvaluations })
                .Fit(Periods.Frequency, Periods.Recency, Periods.T, cancellationToken: cancellationToken),
            _ => new GammaGamma(new GammaGammaOptions { TimeLimit = timeLimit, MaximumEvaluations = maximumEvaluations })
                .Fit(x, new GammaGammaModel(6.25, 3.74, 15.44).Simulate([.. x.Select(f => Math.Max(1, f))], seed: 23), cancellationToken: cancellationToken),
        };
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_fit_past_its_evaluation_budget_stops_with_the_reason(string model)
    {
        var e = Assert.Throws<FitLimitExceededException>(() => Fit(model, maximumEvaluations: 5));
        Assert.Equal((model, FitLimit.Evaluations, 5, 5), (e.Model, e.Limit, e.MaximumEvaluations, e.Evaluations));
        Assert.StartsWith($"{model} exceeded the budget of 5 likelihood evaluations (after ", e.Message);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_fit_past_its_time_limit_stops_with_the_reason(string model)
    {
        // A microsecond is over before the first evaluation has finished, whatever the machine.
        var e = Assert.Throws<FitLimitExceededException>(() => Fit(model, timeLimit: TimeSpan.FromTicks(10)));
        Assert.Equal((model, FitLimit.Time), (e.Model, e.Limit));
        Assert.True(e.Evaluations <= 1, $"{e.Evaluations} evaluations");
        Assert.StartsWith($"{model} exceeded the fit time limit of 0.000001 s (", e.Message);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Limits_that_a_fit_stays_within_change_nothing(string model)
    {
        var free = Fit(model);
        var limited = Fit(model, TimeSpan.FromMinutes(10), 20_000);
        Assert.Equal(free.Parameters, limited.Parameters);
        Assert.Equal(free.Diagnostics, limited.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_cancelled_token_stops_every_fit(string model)
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Throws<OperationCanceledException>(() => Fit(model, cancellationToken: source.Token));
    }

    [Fact]
    public void Cancellation_during_a_fit_stops_it_at_the_next_likelihood_evaluation()
    {
        using var source = new CancellationTokenSource();
        var data = PurchaseSummary.Create(Customers.Frequency, Customers.Recency, Customers.T);
        var likelihood = new BgNbdLikelihood(data, modified: false);
        var calls = 0;
        double CancelledOnTheTenthCall(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            if (++calls == 10) source.Cancel();
            return likelihood.Evaluate(theta, gradient);
        }
        var options = new BgNbdOptions();
        var budget = FitBudget.Start("bgnbd", options, source.Token);
        Assert.Throws<OperationCanceledException>(() => LikelihoodFit.Run("bgnbd", ["r", "alpha", "a", "b"], CancelledOnTheTenthCall, data.TotalWeight,
            data.Customers, data.Rows, [[1, 4, 1, 1]], options, budget));
        Assert.Equal(10, calls);
    }

    [Fact]
    public void A_pareto_evaluation_checks_the_budget_within_its_rows()
    {
        // One Pareto/NBD evaluation can be long, so it checks between chunks of rows and never returns a partial sum.
        using var source = new CancellationTokenSource();
        var data = PurchaseSummary.Create(Customers.Frequency, Customers.Recency, Customers.T);
        var likelihood = new ParetoNbdLikelihood(data, FitBudget.Start("pareto_nbd", new ParetoNbdOptions(), source.Token));
        double[] theta = [Math.Log(0.55), Math.Log(10.6), Math.Log(0.6), Math.Log(11.7)];
        Assert.True(double.IsFinite(likelihood.Evaluate(theta, new double[4])));
        source.Cancel();
        Assert.Throws<OperationCanceledException>(() => likelihood.Evaluate(theta, new double[4]));
    }

    [Fact]
    public void A_pareto_fit_along_the_constant_dropout_ridge_finishes_on_its_own()
    {
        // Every customer drops out at nearly the same rate (s/beta fixed, s huge): the likelihood keeps rising as
        // s and beta grow together, so BFGS follows them towards infinity. Each evaluation used to cost in
        // proportion to s (its integration panels were sized by s + 1), so the fit never finished; it must now
        // end by itself, well inside a generous limit, flagged as weakly identified.
        var ages = Enumerable.Range(0, 4000).Select(i => 10.0 + i % 70).ToArray();
        var data = new ParetoNbdModel(0.6, 13, 1e6, 3.3e7).Simulate(ages, seed: 1, period: 1 / 7.0);
        var model = new ParetoNbd(new ParetoNbdOptions { TimeLimit = TimeSpan.FromSeconds(120) }).Fit(data.Frequency, data.Recency, data.T);
        Assert.True(model.S > 1e3, $"s = {model.S}");
        Assert.True(model.Diagnostics!.WeaklyIdentified);
        Assert.Equal(0.6, model.R, 0.05);
        Assert.Equal(13, model.Alpha, 1.0);
    }
}
