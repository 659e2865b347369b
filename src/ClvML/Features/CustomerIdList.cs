using System.Collections;
using System.Globalization;
using System.Text;

namespace ClvML.Features;

/// <summary>
/// The customer ids of a feature table, kept as the accumulator had them (integers, or UTF-8 text
/// in one arena) and turned into strings only when asked for, each once. Building a million
/// strings up front took a large share of tabulating the features (a million small objects for the
/// GC to promote) although a scoring job only writes them out.
/// </summary>
internal sealed class CustomerIdList : IReadOnlyList<string>
{
    private readonly long[]? _numbers;
    private readonly byte[]? _arena;
    private readonly int[]? _start;
    private readonly int[]? _length;
    private readonly string?[] _strings;

    /// <summary>Integer ids, whose text is their invariant decimal form.</summary>
    public CustomerIdList(long[] numbers)
    {
        _numbers = numbers;
        _strings = new string?[numbers.Length];
    }

    /// <summary>UTF-8 ids: id i is <c>arena[start[i] .. start[i] + length[i]]</c>.</summary>
    public CustomerIdList(byte[] arena, int[] start, int[] length)
    {
        _arena = arena;
        _start = start;
        _length = length;
        _strings = new string?[start.Length];
    }

    /// <inheritdoc />
    public int Count => _strings.Length;

    /// <inheritdoc />
    public string this[int index]
    {
        get
        {
            // Concurrent first reads may both build the string; either equal copy is kept.
            return _strings[index] ??= _numbers is { } numbers
                ? numbers[index].ToString(CultureInfo.InvariantCulture)
                : Encoding.UTF8.GetString(_arena!, _start![index], _length![index]);
        }
    }

    /// <summary>Writes id <paramref name="index"/> as UTF-8; false when <paramref name="destination"/> is too small.</summary>
    public bool TryWriteUtf8(int index, Span<byte> destination, out int written)
    {
        if (_numbers is { } numbers) return numbers[index].TryFormat(destination, out written, provider: CultureInfo.InvariantCulture);
        var length = _length![index];
        written = 0;
        if (destination.Length < length) return false;
        _arena.AsSpan(_start![index], length).CopyTo(destination);
        written = length;
        return true;
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
