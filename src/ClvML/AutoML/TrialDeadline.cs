namespace ClvML.AutoML;

/// <summary>
/// A cancellation that fires when a trial's time is up. It is signalled from a dedicated thread
/// rather than a <see cref="CancellationTokenSource"/> timer: timer callbacks run on the thread
/// pool, and when the pool is saturated (a parallel trainer, or other work in the same process)
/// they arrive late, so the budget would be overrun by however long the pool stays busy.
/// </summary>
internal sealed class TrialDeadline : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly ManualResetEventSlim _finished = new();
    private readonly Thread _watch;

    /// <summary>Starts watching: <see cref="Token"/> is cancelled after <paramref name="timeout"/> unless disposed first.</summary>
    public TrialDeadline(TimeSpan timeout)
    {
        _watch = new Thread(() =>
        {
            if (!_finished.Wait(timeout)) _source.Cancel();
        }) { IsBackground = true, Name = "ClvML trial deadline", Priority = ThreadPriority.AboveNormal };
        _watch.Start();
    }

    /// <summary>Cancelled once the deadline has passed.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Stops the watch and waits for its thread, so no cancellation arrives after the trial.</summary>
    public void Dispose()
    {
        _finished.Set();
        _watch.Join();
        _finished.Dispose();
        _source.Dispose();
    }
}
