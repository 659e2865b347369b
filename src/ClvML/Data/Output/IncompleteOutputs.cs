namespace ClvML.Data.Output;

/// <summary>
/// The outputs of this process that are still being written (<see cref="StagedFile"/>s and run
/// directories). A stop of the whole process, such as the CLI's answer to SIGINT or SIGTERM, calls
/// <see cref="Stop"/>: from then on no output starts or completes, so whatever the threads still
/// running do, nothing new appears under a real name; and when they do not unwind in time,
/// <see cref="AbandonAll"/> deletes what they left. A stop is for good: it is meant for a process that
/// is about to exit, never for one job among others in a long-lived host.
/// </summary>
internal static class IncompleteOutputs
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<IIncompleteOutput> Open = [];
    private static readonly List<string> RemovedAfterStop = [];
    private static volatile bool _stopped;

    /// <summary>Whether <see cref="Stop"/> was called.</summary>
    public static bool Stopped => _stopped;

    /// <summary>The temporary outputs deleted since <see cref="Stop"/>, by their owners or by <see cref="AbandonAll"/>.</summary>
    public static IReadOnlyList<string> Removed
    {
        get { lock (Gate) return [.. RemovedAfterStop]; }
    }

    /// <summary>Stops this process's outputs: none starts (<see cref="Add"/> throws) and none completes from now on.</summary>
    public static void Stop() => _stopped = true;

    /// <summary>Abandons every output still open (<see cref="IIncompleteOutput.Abandon"/>), whatever thread is writing it.</summary>
    public static void AbandonAll()
    {
        IIncompleteOutput[] open;
        lock (Gate) open = [.. Open];
        foreach (var output in open) output.Abandon();
    }

    /// <summary>Lists a started output.</summary>
    /// <exception cref="OperationCanceledException">The process is stopping, so no output may start.</exception>
    internal static void Add(IIncompleteOutput output)
    {
        ThrowIfStopped();
        lock (Gate) Open.Add(output);
    }

    /// <summary>Takes a completed or deleted output off the list; <paramref name="deleted"/> records a deletion during a stop.</summary>
    internal static void Remove(IIncompleteOutput output, bool deleted)
    {
        lock (Gate)
        {
            Open.Remove(output);
            if (deleted && _stopped) RemovedAfterStop.Add(output.TemporaryPath);
        }
    }

    /// <summary>Refuses to start or complete an output once the process is stopping.</summary>
    /// <exception cref="OperationCanceledException">The process is stopping.</exception>
    internal static void ThrowIfStopped()
    {
        if (_stopped) throw new OperationCanceledException("The process is stopping; no output is started or completed.");
    }
}
