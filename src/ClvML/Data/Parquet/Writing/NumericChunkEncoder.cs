using System.Numerics;
using System.Runtime.InteropServices;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Encodes the non-null values of a numeric column chunk (INT32 dates, INT64 integers and
/// timestamps, DOUBLE reals given as their bits) in data pages of about
/// <see cref="ParquetWriterOptions.DataPageSize"/> PLAIN bytes. With dictionaries on, distinct
/// values go into a PLAIN dictionary page and the pages hold RLE_DICTIONARY indices, as Arrow and
/// parquet-mr write them by default: dates, timestamps of an order log, cent amounts and small
/// integer counts repeat, and a few bits an index (runs of one value as single RLE runs) replace 4
/// or 8 bytes a row. Two fallbacks to PLAIN, both parquet-mr's: when the dictionary would grow past
/// <see cref="ParquetWriterOptions.DictionaryPageSizeLimit"/>, the pages from there on are PLAIN;
/// and when the dictionary plus the packed indices of the first page is not smaller than that page
/// in PLAIN (mostly distinct values such as customer ids), the whole chunk is PLAIN, decided after
/// one page so a high-cardinality column costs one page of hashing.
/// </summary>
internal static class NumericChunkEncoder
{
    /// <summary>Writes the chunk: <paramref name="values"/> are the non-null values, <paramref name="levels"/> each row's definition level (empty for REQUIRED).</summary>
    public static EncodedColumnChunk Encode<TKey>(ParquetColumnSpec spec, ReadOnlySpan<TKey> values, ReadOnlySpan<int> levels, int rows, Statistics statistics,
        ParquetWriterOptions options) where TKey : unmanaged, IBinaryInteger<TKey>
    {
        var width = Marshal.SizeOf<TKey>();
        var pages = PageBounds(levels, rows, values.Length, Math.Max(1, options.DataPageSize / width));
        var dictionary = options.UseDictionary ? DictionaryFor(values, pages, width, options.DictionaryPageSizeLimit) : null;
        var writer = new ChunkPageWriter(spec, options.Codec);
        if (dictionary is not null)
        {
            var output = writer.BeginDictionaryPage();
            PlainEncoder.Bytes(MemoryMarshal.AsBytes(dictionary.Index.Entries), width, output);
            writer.EndDictionaryPage(dictionary.Index.Count);
        }
        var bitWidth = dictionary is null ? 0 : RleBitPackedHybridEncoder.BitWidth(dictionary.Index.Count - 1);
        for (var p = 0; p < pages.Count; p++)
        {
            var page = pages[p];
            var output = writer.BeginDataPage(levels.IsEmpty ? default : levels.Slice(page.FirstRow, page.Rows));
            if (p < (dictionary?.Pages ?? 0))
            {
                var span = output.GetSpan(1);
                span[0] = (byte)bitWidth;
                output.Advance(1);
                RleBitPackedHybridEncoder.Encode(dictionary!.Indices.AsSpan(page.FirstValue, page.Values), bitWidth, output);
                writer.EndDataPage(page.Rows, Encoding.RleDictionary);
                continue;
            }
            PlainEncoder.Bytes(MemoryMarshal.AsBytes(values.Slice(page.FirstValue, page.Values)), width, output);
            writer.EndDataPage(page.Rows, Encoding.Plain);
        }
        return new EncodedColumnChunk(spec, writer.Pages, rows, statistics);
    }

    /// <summary>A data page's rows and the non-null values among them.</summary>
    private readonly record struct PageBound(int FirstRow, int Rows, int FirstValue, int Values);

    /// <summary>The dictionary, every covered value's entry, and how many leading pages use it.</summary>
    private sealed record NumericDictionary<TKey>(NumericKeyIndex<TKey> Index, int[] Indices, int Pages) where TKey : unmanaged, IBinaryInteger<TKey>;

    /// <summary>Pages of <paramref name="rowsPerPage"/> rows (nulls included, as their levels take room too).</summary>
    private static List<PageBound> PageBounds(ReadOnlySpan<int> levels, int rows, int values, int rowsPerPage)
    {
        var pages = new List<PageBound>(rows / rowsPerPage + 1);
        var firstValue = 0;
        for (var firstRow = 0; firstRow < rows || pages.Count == 0; firstRow += rowsPerPage)
        {
            var pageRows = Math.Min(rowsPerPage, rows - firstRow);
            var pageValues = levels.IsEmpty ? pageRows : levels.Slice(firstRow, pageRows).Count(1);
            pages.Add(new PageBound(firstRow, pageRows, firstValue, pageValues));
            firstValue += pageValues;
            if (rows == 0) break;
        }
        return pages;
    }

    private static NumericDictionary<TKey>? DictionaryFor<TKey>(ReadOnlySpan<TKey> values, List<PageBound> pages, int width, int limit)
        where TKey : unmanaged, IBinaryInteger<TKey>
    {
        if (values.IsEmpty) return null;
        var index = new NumericKeyIndex<TKey>();
        var indices = new int[values.Length];
        var maxEntries = limit / width;
        var usable = pages.Count;
        for (var p = 0; p < pages.Count && usable == pages.Count; p++)
        {
            var end = pages[p].FirstValue + pages[p].Values;
            for (var v = pages[p].FirstValue; v < end; v++)
            {
                var entry = index.Find(values[v]);
                if (entry < 0)
                {
                    if (index.Count >= maxEntries)
                    {
                        // This page and the rest are PLAIN; the entries already added stay (unused entries are allowed).
                        usable = p;
                        break;
                    }
                    entry = index.Add(values[v]);
                }
                indices[v] = entry;
            }
            if (p == 0 && usable == pages.Count && !Pays(index.Count, end, width)) return null;
        }
        if (usable == 0) return null;
        var covered = pages[usable - 1].FirstValue + pages[usable - 1].Values;
        return Pays(index.Count, covered, width) ? new NumericDictionary<TKey>(index, indices, usable) : null;
    }

    /// <summary>Whether <paramref name="entries"/> PLAIN entries plus <paramref name="values"/> bit-packed indices are smaller than the values PLAIN.</summary>
    private static bool Pays(int entries, int values, int width)
    {
        var bitWidth = RleBitPackedHybridEncoder.BitWidth(entries - 1);
        return (long)entries * width + ((long)values * bitWidth + 7) / 8 < (long)values * width;
    }
}
