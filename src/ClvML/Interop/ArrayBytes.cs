using System.Buffers;
using System.Runtime.InteropServices;

namespace ClvML.Interop;

/// <summary>
/// The bytes of an array of unmanaged values as a <see cref="Memory{T}"/> of bytes, without copying:
/// what <c>PrimitiveDataFrameColumn&lt;T&gt;</c>'s buffer constructor reads its values from, so a
/// DataFrame column reads the feature table's own array. A <see cref="Memory{T}"/> cannot reinterpret
/// an array's element type, hence a memory manager (see the <see cref="MemoryManager{T}"/> docs).
/// </summary>
internal sealed class ArrayBytes<T>(T[] array) : MemoryManager<byte> where T : unmanaged
{
    /// <summary>The wrapped array.</summary>
    public T[] Array { get; } = array;

    /// <inheritdoc />
    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(Array.AsSpan());

    /// <inheritdoc />
    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        // The handle frees the pin when the caller disposes it.
        var handle = GCHandle.Alloc(Array, GCHandleType.Pinned);
        return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle, this);
    }

    /// <inheritdoc />
    public override void Unpin() { }

    /// <inheritdoc />
    protected override void Dispose(bool disposing) { }
}
