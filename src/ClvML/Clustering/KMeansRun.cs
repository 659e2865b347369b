namespace ClvML.Clustering;

/// <summary>The outcome of one initialisation followed by Lloyd iterations.</summary>
/// <param name="Centroids">Final centroids, flat (k x d), in the transformed space.</param>
/// <param name="Assignments">Nearest centroid of every row, consistent with <paramref name="Centroids"/>.</param>
/// <param name="Inertia">Sum over rows of weight x squared distance to the assigned centroid.</param>
/// <param name="Iterations">Lloyd iterations run (centroid updates).</param>
/// <param name="Converged">Whether the tolerance or a stable partition stopped the iterations (rather than the cap).</param>
internal sealed record KMeansRun(double[] Centroids, int[] Assignments, double Inertia, int Iterations, bool Converged);
