using ClvML.Models;

namespace ClvML.AutoML;

/// <summary>
/// FLOW2, the randomized direct search behind FLAML's CFO (Wu, Wang &amp; Huang 2021, "Frugal
/// Optimization for Cost-related Hyperparameters", AAAI): from the incumbent x, try x + delta u for a
/// random unit direction u, then x - delta u; move on improvement. After enough consecutive failures
/// the step halves; below a floor the search restarts from a random point. Starting from a cheap
/// point keeps early trials cheap. One instance per trainer; deterministic given its seed.
/// </summary>
internal sealed class LocalSearch
{
    private readonly Random _random;
    private readonly int _dimensions;
    private readonly int _patience;
    private double[] _incumbent;
    private double _incumbentLoss = double.PositiveInfinity;
    private double _step;
    private double[]? _direction;
    private bool _triedOpposite;
    private int _failures;
    private bool _started;

    private const double MinimumStep = 0.01;

    public LocalSearch(double[] start, int seed)
    {
        _random = new Random(seed);
        _dimensions = start.Length;
        _incumbent = [.. start];
        _step = InitialStep;
        // FLOW2 halves the step after 2^(d-1) failures; capped so large spaces still adapt.
        _patience = Math.Clamp(1 << Math.Max(0, _dimensions - 1), 2, 16);
    }

    private double InitialStep => Math.Min(0.5, 0.1 * Math.Sqrt(_dimensions));

    /// <summary>Best loss this trainer has reached.</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>The next point to evaluate.</summary>
    public double[] Propose()
    {
        if (!_started) return [.. _incumbent];
        if (_direction is null)
        {
            _direction = RandomUnitVector();
            _triedOpposite = false;
        }
        var sign = _triedOpposite ? -1 : 1;
        var point = new double[_dimensions];
        for (var i = 0; i < _dimensions; i++) point[i] = Math.Clamp(_incumbent[i] + sign * _step * _direction[i], 0, 1);
        return point;
    }

    /// <summary>Reports the loss (lower is better; infinity for a failed or cut trial) of the last proposed point.</summary>
    public void Report(double[] point, double loss)
    {
        if (loss < BestLoss) BestLoss = loss;
        if (!_started)
        {
            _started = true;
            _incumbentLoss = loss;
            return;
        }
        if (loss < _incumbentLoss)
        {
            _incumbent = point;
            _incumbentLoss = loss;
            _direction = null;
            _failures = 0;
            return;
        }
        if (!_triedOpposite)
        {
            _triedOpposite = true;
            return;
        }
        _direction = null;
        if (++_failures < _patience) return;
        _failures = 0;
        _step /= 2;
        if (_step >= MinimumStep) return;
        // Converged here: restart somewhere random, keeping the best result found so far elsewhere.
        _incumbent = [.. Enumerable.Range(0, _dimensions).Select(_ => _random.NextDouble())];
        _incumbentLoss = double.PositiveInfinity;
        _step = InitialStep;
        _started = false;
    }

    private double[] RandomUnitVector()
    {
        var v = new double[_dimensions];
        double norm;
        do
        {
            norm = 0;
            for (var i = 0; i < v.Length; i++)
            {
                // Box-Muller normals give a direction uniform on the sphere.
                var g = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
                v[i] = g;
                norm += g * g;
            }
        } while (norm == 0);
        norm = Math.Sqrt(norm);
        for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }
}
