using System.Runtime.InteropServices;
using ClvML.Data.Output;
using Spectre.Console;

namespace ClvML.Cli;

/// <summary>
/// The CLI's answer to SIGINT (Ctrl+C) and SIGTERM. The first signal cancels <see cref="Token"/>
/// and stops this process's outputs (<see cref="IncompleteOutputs.Stop"/>: none starts or completes
/// from then on). The command then has <see cref="Grace"/> to unwind and remove its incomplete
/// outputs itself; a stage that does not watch the token cannot hold the stop up, because after the
/// grace whatever is still open is removed here and the process exits. Either way the process ends
/// with one line on stderr naming what was removed and exit code 128 + the signal's number (130 for
/// SIGINT, 143 for SIGTERM, the shells' convention). A second signal ends the grace at once.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    /// <summary>How long the command may take to unwind by itself.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _cancel = new();
    private readonly ManualResetEventSlim _secondSignal = new();
    private readonly TextWriter _stderr;
    private readonly bool _interactive;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;
    private int _ended;

    private StopSignal(TextWriter stderr, bool interactive)
    {
        _stderr = stderr;
        _interactive = interactive;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>
    /// Handles SIGINT and SIGTERM from now on; the line about the stop goes to <paramref name="stderr"/>.
    /// <paramref name="interactive"/>: a live status display may be drawn, whose hidden cursor is shown again on the way out.
    /// </summary>
    public static StopSignal Register(TextWriter stderr, bool interactive) => new(stderr, interactive);

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Whether a signal arrived.</summary>
    public bool Requested => Volatile.Read(ref _signal) != 0;

    /// <summary>128 + the number of the signal that arrived.</summary>
    public int ExitCode => 128 + Volatile.Read(ref _signal);

    /// <summary>
    /// Claims the end of the process for the command's own thread, which has returned or thrown.
    /// False when the stop after the grace has claimed it first: that thread is removing what is
    /// left and ending the process, and the caller must not return over it.
    /// </summary>
    public bool TryEnd() => Interlocked.Exchange(ref _ended, 1) == 0;

    /// <summary>The one line that reports the stop.</summary>
    public string Line()
    {
        var name = Volatile.Read(ref _signal) == SigInt ? "SIGINT" : "SIGTERM";
        var removed = IncompleteOutputs.Removed;
        return removed.Count == 0
            ? $"clvml: stopped by {name}; no incomplete output was left"
            : $"clvml: stopped by {name}; removed the incomplete {string.Join(", ", removed)}";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }

    private const int SigInt = 2, SigTerm = 15;

    private void OnSignal(PosixSignalContext context)
    {
        // The default would end the process at once and leave the incomplete outputs behind.
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _signal, context.Signal == PosixSignal.SIGINT ? SigInt : SigTerm, 0) != 0)
        {
            _secondSignal.Set();
            return;
        }
        IncompleteOutputs.Stop();
        new Thread(EndAfterGrace) { IsBackground = true, Name = "clvml stop" }.Start();
        _cancel.Cancel();
    }

    private void EndAfterGrace()
    {
        _secondSignal.Wait(Grace);
        if (!TryEnd()) return;
        IncompleteOutputs.AbandonAll();
        // The live display hides the cursor and is not unwound on this path.
        if (_interactive) AnsiConsole.Cursor.Show();
        _stderr.WriteLine(Line());
        _stderr.Flush();
        Environment.Exit(ExitCode);
    }
}
