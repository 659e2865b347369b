namespace ClvML.Trees;

/// <summary>
/// How the tree code runs work in parallel: at most one worker per core. Parallel.For's default
/// lets the thread pool add workers beyond the core count when a loop waits, and on a two-core
/// machine the extra workers spin between loops on the cores the growing thread needs.
/// </summary>
internal static class TreeParallelism
{
    public static readonly ParallelOptions Options = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
}
