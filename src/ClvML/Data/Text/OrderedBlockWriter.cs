using System.Buffers;

namespace ClvML.Data.Text;

/// <summary>
/// Writes a file made of numbered blocks that are formatted on several threads and written in
/// block order while later blocks are still being formatted: formatting a million rows and
/// copying them to the file then overlap instead of taking turns. A fixed pool of reused buffers
/// bounds the memory, so a worker never runs more than the pool ahead of the file.
/// </summary>
internal static class OrderedBlockWriter
{
    /// <summary>
    /// Formats blocks 0..<paramref name="blockCount"/>-1 with <paramref name="format"/> on
    /// <paramref name="workers"/> threads and writes them to <paramref name="output"/> in order on the
    /// calling thread. The first exception of a worker or of the stream is rethrown after every worker stopped.
    /// </summary>
    /// <param name="output">Where the blocks go.</param>
    /// <param name="blockCount">Number of blocks.</param>
    /// <param name="workers">Formatting threads (at least 1).</param>
    /// <param name="bufferBytes">Initial size of each buffer; a buffer grows if a block needs more.</param>
    /// <param name="format">Appends block <c>b</c> to an empty buffer; called concurrently for different blocks.</param>
    public static void Write(Stream output, int blockCount, int workers, int bufferBytes, Action<int, ArrayBufferWriter<byte>> format)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentOutOfRangeException.ThrowIfNegative(blockCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (blockCount == 0) return;
        workers = Math.Min(workers, blockCount);
        var state = new PipelineState(blockCount, workers, bufferBytes);
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++) tasks[w] = Task.Factory.StartNew(() => state.Format(format), TaskCreationOptions.LongRunning);
        try
        {
            for (var b = 0; b < blockCount; b++)
            {
                var buffer = state.WaitFormatted(b);
                if (buffer is null) break; // a worker failed; its exception is thrown below
                output.Write(buffer.WrittenSpan);
                state.Release(buffer);
            }
        }
        catch (Exception e)
        {
            state.Fail(e);
        }
        Task.WaitAll(tasks);
        state.ThrowIfFailed();
    }

    /// <summary>The blocks handed out, the ones formatted and not yet written, and the free buffers, under one lock.</summary>
    private sealed class PipelineState
    {
        private readonly object _gate = new();
        private readonly ArrayBufferWriter<byte>?[] _formatted;
        private readonly Stack<ArrayBufferWriter<byte>> _free = new();
        private int _nextBlock;
        private Exception? _failure;

        public PipelineState(int blockCount, int workers, int bufferBytes)
        {
            _formatted = new ArrayBufferWriter<byte>?[blockCount];
            // Two buffers per worker keep every worker busy while the writer copies one block out.
            for (var i = 0; i < 2 * workers + 1; i++) _free.Push(new ArrayBufferWriter<byte>(Math.Max(1, bufferBytes)));
        }

        public void Format(Action<int, ArrayBufferWriter<byte>> format)
        {
            while (true)
            {
                ArrayBufferWriter<byte> buffer;
                int block;
                lock (_gate)
                {
                    // The buffer is taken before the block number: the oldest unwritten block then
                    // always holds a buffer, so the writer never waits on a block that waits on it.
                    while (_free.Count == 0 && _failure is null) Monitor.Wait(_gate);
                    if (_failure is not null || _nextBlock == _formatted.Length) return;
                    buffer = _free.Pop();
                    block = _nextBlock++;
                }
                try
                {
                    buffer.ResetWrittenCount();
                    format(block, buffer);
                }
                catch (Exception e)
                {
                    Fail(e);
                    return;
                }
                lock (_gate)
                {
                    _formatted[block] = buffer;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>Block <paramref name="block"/> once formatted; null when a worker failed.</summary>
        public ArrayBufferWriter<byte>? WaitFormatted(int block)
        {
            lock (_gate)
            {
                while (_formatted[block] is null && _failure is null) Monitor.Wait(_gate);
                if (_failure is not null) return null;
                var buffer = _formatted[block];
                _formatted[block] = null;
                return buffer;
            }
        }

        public void Release(ArrayBufferWriter<byte> buffer)
        {
            lock (_gate)
            {
                _free.Push(buffer);
                Monitor.PulseAll(_gate);
            }
        }

        public void Fail(Exception e)
        {
            lock (_gate)
            {
                _failure ??= e;
                Monitor.PulseAll(_gate);
            }
        }

        public void ThrowIfFailed()
        {
            if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        }
    }
}
