namespace ClvML.Data.Text;

/// <summary>
/// The round-trip texts of recently formatted doubles, in a direct-mapped table keyed by the value's bits, for
/// one thread. Score columns repeat a few values very often (a million customers' expected spend holds one value
/// in 49% of the rows, the one-timers'; CLV and predicted spend have ~100-1,000 values covering half the rows;
/// net CLV equals CLV when no costs are configured), and copying a remembered text costs a fraction of
/// formatting it again. The text is exactly <see cref="ShortestDoubleFormatter"/>'s, so the output is the same
/// whatever the table holds.
/// </summary>
internal sealed class DoubleTextCache
{
    /// <summary>Bytes a slot holds: the longest round-trip text ("-1.7976931348623157E+308") is 24.</summary>
    private const int SlotBytes = 32;
    /// <summary>A NaN pattern: never a key, as only finite values are cached.</summary>
    private const ulong Empty = ulong.MaxValue;

    private readonly ulong[] _keys;
    private readonly byte[] _texts;
    private readonly int _shift;

    /// <param name="slotBits">log2 of the number of slots (2^13 slots are 320 KB, within a core's L2).</param>
    public DoubleTextCache(int slotBits = 13)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slotBits, 24);
        _keys = new ulong[1 << slotBits];
        Array.Fill(_keys, Empty);
        _texts = new byte[SlotBytes << slotBits];
        _shift = 64 - slotBits;
    }

    /// <summary>Bytes of room <see cref="Write"/> needs in its destination: it may copy a whole slot.</summary>
    public const int RequiredRoom = SlotBytes;

    /// <summary>Writes <paramref name="value"/>'s round-trip text at the start of <paramref name="destination"/> (at least <see cref="RequiredRoom"/> bytes, some of which beyond the text may be overwritten) and returns its length.</summary>
    public int Write(double value, Span<byte> destination)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        // Fibonacci hashing: the top bits of the product depend on all of the value's bits.
        var slot = (int)((bits * 0x9E3779B97F4A7C15UL) >> _shift);
        var text = _texts.AsSpan(slot * SlotBytes, SlotBytes);
        if (_keys[slot] == bits)
        {
            // A whole slot is one fixed-size copy; its length is kept in its last byte.
            text.CopyTo(destination);
            return text[SlotBytes - 1];
        }
        if (!ShortestDoubleFormatter.TryFormat(value, destination, out var written))
            throw new ArgumentException($"{destination.Length} bytes are too few for {value}.", nameof(destination));
        if (double.IsFinite(value))
        {
            destination[..written].CopyTo(text);
            text[SlotBytes - 1] = (byte)written;
            _keys[slot] = bits;
        }
        return written;
    }
}
