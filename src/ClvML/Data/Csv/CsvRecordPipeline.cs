using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ClvML.Data.Csv;

/// <summary>
/// The records of a <see cref="CsvRecordReader"/>, split on a second thread: while the caller
/// decodes and checks the fields of one batch, the next batches are read (and gunzipped) and split
/// into records. On the 3-million-row benchmark file splitting is about 40% of the reading CPU, so
/// this takes it off the thread that the rest of the row work queues behind. Records come out in
/// file order, one at a time, as from the reader itself; an error of the splitting thread (a record
/// too long, say) surfaces after every record before it, where a sequential read would raise it.
/// An optional <c>prepare</c> function parses fields ahead on the splitting thread too, which has
/// time to spare, so that the reading thread, the slowest stage, only checks the results.
/// </summary>
internal sealed class CsvRecordPipeline : IDisposable
{
    // Three batches: one being filled, one being used, one queued between them.
    private const int Depth = 3;
    private const int RecordsPerBatch = 8192;
    // Batches start small and double as they fill: a file of a few rows (a test, a day's scoring
    // input) then costs kilobytes, not the megabytes of three full-size batches.
    private const int FirstRecordsPerBatch = 256;
    private int _recordsPerBatch = FirstRecordsPerBatch;
    private readonly CsvRecordReader _records;
    private readonly Func<CsvRecordReader, PreparedFields>? _prepare;
    private readonly BlockingCollection<CsvRecordBatch> _full = new(Depth);
    private readonly BlockingCollection<CsvRecordBatch> _free = new(Depth);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _splitter;
    private ExceptionDispatchInfo? _splitterError;
    private CsvRecordBatch? _batch;
    private int _index;

    /// <param name="records">The reader, past the header.</param>
    /// <param name="prepare">Parses fields of the reader's current record on the splitting thread; must not depend on other records.</param>
    public CsvRecordPipeline(CsvRecordReader records, Func<CsvRecordReader, PreparedFields>? prepare = null)
    {
        _records = records;
        _prepare = prepare;
        for (var i = 0; i < Depth; i++) _free.Add(new CsvRecordBatch(FirstRecordsPerBatch));
        _splitter = Task.Factory.StartNew(Split, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Blank lines skipped; complete once <see cref="Read"/> has returned false.</summary>
    public long BlankLines => _records.BlankLines;

    /// <summary>Moves to the next record; false at the end of the input.</summary>
    public bool Read()
    {
        while (_batch is null || ++_index >= _batch.Count)
        {
            if (_batch is not null) _free.Add(_batch);
            _batch = null;
            if (!_full.TryTake(out var next, Timeout.Infinite))
            {
                _splitterError?.Throw();
                return false;
            }
            _batch = next;
            _index = -1;
        }
        return true;
    }

    public int FieldCount => _batch!.FieldCount(_index);
    public long Line => _batch!.Line(_index);
    public string? Malformed => _batch!.Malformed(_index);
    public ReadOnlySpan<byte> Field(int index) => _batch!.Field(_index, index);
    public ReadOnlySpan<byte> RawRecord => _batch!.RawRecord(_index);
    public PreparedFields Prepared => _batch!.Prepared(_index);

    private void Split()
    {
        CsvRecordBatch? batch = null;
        try
        {
            batch = _free.Take(_stop.Token);
            batch.Clear(_recordsPerBatch);
            while (_records.Read())
            {
                batch.Add(_records, _prepare is null ? default : _prepare(_records));
                if (!batch.IsFull) continue;
                _full.Add(batch, _stop.Token);
                batch = null; // handed over: not to be handed again if the next Take fails
                _recordsPerBatch = Math.Min(RecordsPerBatch, _recordsPerBatch * 2);
                batch = _free.Take(_stop.Token);
                batch.Clear(_recordsPerBatch);
            }
            if (batch.Count > 0) _full.Add(batch, _stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The caller stopped reading (an error of its own); nothing is waiting for more records.
        }
        catch (Exception e)
        {
            // The records split before the error still go out first, as a sequential read gives them.
            _splitterError = ExceptionDispatchInfo.Capture(e);
            HandOver(batch);
        }
        finally
        {
            _full.CompleteAdding();
        }
    }

    private void HandOver(CsvRecordBatch? batch)
    {
        if (batch is not { Count: > 0 }) return;
        try
        {
            _full.Add(batch, _stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops the splitting thread, whether or not every record was read.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _splitter.Wait();
        _stop.Dispose();
    }
}
