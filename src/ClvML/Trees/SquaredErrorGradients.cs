using System.Runtime.Intrinsics;

namespace ClvML.Trees;

/// <summary>
/// A request to the level-wise grower's last pass: with squared error and no weights the next round's
/// gradient of a row is its new score minus its target, so the pass that adds the leaf values to the
/// scores also writes the gradients, instead of a gradient pass re-reading every score. The pass
/// reports what the gradient pass would have: the mean loss at the new scores, summed by the same
/// code over the same 16,384-row blocks in the same order (so the same bits), and the largest |gradient|.
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
    /// <param name="rows">The block's rows.</param>
    /// <param name="score">Score per row index.</param>
    /// <param name="inOrder">Whether the rows are consecutive (rows[k] = rows[0] + k): then four rows go as one vector, with the same sums.</param>
    public (double Loss, double MaxGradient) Compute(ReadOnlySpan<int> rows, double[] score, bool inOrder = false)
    {
        var (target, gradients) = (Target, Gradients);
        // Four rows at a time into four sums and maxima: one running sum would make every row wait for
        // the previous row's add. Combined in a fixed order, so the result does not depend on timing.
        double loss0 = 0, loss1 = 0, loss2 = 0, loss3 = 0, max0 = 0, max1 = 0, max2 = 0, max3 = 0;
        var k = 0;
        if (inOrder && rows.Length > 0 && Vector256.IsHardwareAccelerated)
        {
            // Lane j is sum j: the same additions in the same order as the scalar loop below.
            var scores = score.AsSpan(rows[0], rows.Length);
            var targets = target.AsSpan(rows[0], rows.Length);
            var written = gradients.AsSpan(rows[0], rows.Length);
            Vector256<double> loss = default, max = default;
            for (; k + 4 <= rows.Length; k += 4)
            {
                var residual = Vector256.Create(scores.Slice(k, 4)) - Vector256.Create(targets.Slice(k, 4));
                residual.CopyTo(written.Slice(k, 4));
                loss += residual * residual;
                max = Vector256.Max(max, Vector256.Abs(residual));
            }
            (loss0, loss1, loss2, loss3) = (loss[0], loss[1], loss[2], loss[3]);
            (max0, max1, max2, max3) = (max[0], max[1], max[2], max[3]);
        }
        for (; k + 4 <= rows.Length; k += 4)
        {
            var (a, b, c, d) = (rows[k], rows[k + 1], rows[k + 2], rows[k + 3]);
            var (ra, rb, rc, rd) = (score[a] - target[a], score[b] - target[b], score[c] - target[c], score[d] - target[d]);
            (gradients[a], gradients[b], gradients[c], gradients[d]) = (ra, rb, rc, rd);
            loss0 += ra * ra;
            loss1 += rb * rb;
            loss2 += rc * rc;
            loss3 += rd * rd;
            max0 = Larger(max0, Math.Abs(ra));
            max1 = Larger(max1, Math.Abs(rb));
            max2 = Larger(max2, Math.Abs(rc));
            max3 = Larger(max3, Math.Abs(rd));
        }
        for (; k < rows.Length; k++)
        {
            var row = rows[k];
            var residual = score[row] - target[row];
            gradients[row] = residual;
            loss0 += residual * residual;
            max0 = Larger(max0, Math.Abs(residual));
        }
        return (0.5 * ((loss0 + loss1) + (loss2 + loss3)), Larger(Larger(max0, max1), Larger(max2, max3)));
    }

    /// <summary>Not Math.Max: its NaN handling is a longer dependency chain, and gradients are finite.</summary>
    private static double Larger(double a, double b) => a > b ? a : b;
}
