using System.Runtime.InteropServices;

namespace ClvML.Data.Csv;

/// <summary>
/// A <see cref="TimestampParser"/> that remembers its last successful parse: transaction files are
/// usually sorted by date, so consecutive rows mostly repeat the same timestamp text (3 million rows of
/// the benchmark file hold about 700 distinct dates), and comparing a few bytes is cheaper than parsing
/// and validating a date. The result is a function of the bytes alone, so a hit gives what a parse would.
/// Keeps state: one instance per thread.
/// </summary>
internal sealed class RepeatedTimestamp(TimestampParser parser)
{
    // Longer texts are parsed every time; ISO timestamps with a fraction and offset fit.
    private const int MaxRemembered = 48;
    private readonly byte[] _last = new byte[MaxRemembered];
    private int _lastLength = -1;
    private DateTime _lastValue;

    public bool TryParse(ReadOnlySpan<byte> utf8, out DateTime value)
    {
        if (utf8.Length == _lastLength && SameAsLast(utf8, _last.AsSpan(0, _lastLength)))
        {
            value = _lastValue;
            return true;
        }
        if (!parser.TryParse(utf8, out value)) return false;
        if (utf8.Length <= MaxRemembered)
        {
            utf8.CopyTo(_last);
            _lastLength = utf8.Length;
            _lastValue = value;
        }
        return true;
    }

    /// <summary>
    /// Byte equality of two texts of one length; 8 to 16 bytes (yyyy-MM-dd, yyyy-MM-dd HH:mm) as two
    /// overlapping 8-byte words, which cover every byte, instead of a call into the general comparer.
    /// </summary>
    private static bool SameAsLast(ReadOnlySpan<byte> text, ReadOnlySpan<byte> last) =>
        text.Length is >= 8 and <= 16 && last.Length == text.Length
            ? MemoryMarshal.Read<ulong>(text) == MemoryMarshal.Read<ulong>(last) && MemoryMarshal.Read<ulong>(text[^8..]) == MemoryMarshal.Read<ulong>(last[^8..])
            : text.SequenceEqual(last);
}
