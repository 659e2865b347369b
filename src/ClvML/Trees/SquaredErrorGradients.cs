namespace ClvML.Trees;

/// <summary>
/// A request to the level-wise grower's last pass: with squared error and no weights the next round's
/// gradient of a row is its new score minus its target, so the pass that adds the leaf values to the
/// scores also writes the gradients, instead of a gradient pass re-reading every score. The pass
/// reports what the gradient pass would have: the mean loss at the new scores, summed over the same
/// 16,384-row blocks in the same order (so the same bits), and the largest |gradient|.
/// </summary>
/// <param name="target">Target per row index.</param>
/// <param name="gradients">Receives score - target per row index for the rows the tree was grown on.</param>
internal sealed class SquaredErrorGradients(double[] target, double[] gradients)
{
    /// <summary>Rows per block of the loss sum, as in the fit's gradient pass.</summary>
    public const int BlockRows = 16_384;

    public double[] Target { get; } = target;
    public double[] Gradients { get; } = gradients;

    /// <summary>After the pass: mean of (score - target)^2 / 2 over the rows.</summary>
    public double Loss { get; set; }

    /// <summary>After the pass: the largest |score - target| over the rows.</summary>
    public double MaxGradient { get; set; }

    /// <summary>
    /// Writes the gradients of <paramref name="rows"/> (one block) and returns their loss sum (times 1/2,
    /// as the gradient pass) and largest |gradient|.
    /// </summary>
    public (double Loss, double MaxGradient) Compute(ReadOnlySpan<int> rows, double[] score)
    {
        var (target, gradients) = (Target, Gradients);
        double loss = 0, max = 0;
        foreach (var row in rows)
        {
            var residual = score[row] - target[row];
            gradients[row] = residual;
            loss += residual * residual;
            var magnitude = Math.Abs(residual);
            max = magnitude > max ? magnitude : max;
        }
        return (0.5 * loss, max);
    }
}
