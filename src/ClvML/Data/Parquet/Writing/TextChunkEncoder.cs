using System.Runtime.InteropServices;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Encodes a slice of a text column as a BYTE_ARRAY chunk of UTF-8 values. With dictionaries on,
/// distinct values go into a PLAIN dictionary page and the data pages hold their indices
/// (RLE_DICTIONARY: one byte of bit width, then the RLE/bit-packed hybrid; Encodings.md). When the
/// dictionary would outgrow <see cref="ParquetWriterOptions.DictionaryPageSizeLimit"/>, the pages
/// from there on are PLAIN, as parquet-mr and Arrow fall back; and when the dictionary would not
/// make the dictionary-encoded pages smaller than PLAIN (mostly distinct values such as ids), the
/// whole chunk is PLAIN.
/// </summary>
internal static class TextChunkEncoder
{
    /// <summary>Encodes rows <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> of <paramref name="text"/>.</summary>
    public static EncodedColumnChunk Encode(ParquetColumnSpec spec, IReadOnlyList<string?> text, int start, int count, ParquetWriterOptions options)
    {
        var values = Utf8Values.From(spec, text, start, count);
        var pages = PageBounds(values, options.DataPageSize);
        var pageWriter = new ChunkPageWriter(spec, options.Codec);

        var dictionary = options.UseDictionary ? DictionaryFor(values, pages, options.DictionaryPageSizeLimit) : null;
        var dictionaryPages = dictionary?.Pages ?? 0;
        if (dictionary is not null)
        {
            var output = pageWriter.BeginDictionaryPage();
            foreach (var entry in dictionary.Entries) PlainEncoder.ByteArray(values.Value(entry), output);
            pageWriter.EndDictionaryPage(dictionary.Entries.Count);
        }
        for (var p = 0; p < pages.Count; p++)
        {
            var page = pages[p];
            var output = pageWriter.BeginDataPage(spec.IsOptional ? values.Levels.AsSpan(page.FirstRow, page.Rows) : default);
            if (p < dictionaryPages)
            {
                var bitWidth = RleBitPackedHybridEncoder.BitWidth(dictionary!.Entries.Count - 1);
                var width = output.GetSpan(1);
                width[0] = (byte)bitWidth;
                output.Advance(1);
                RleBitPackedHybridEncoder.Encode(dictionary.Indices.AsSpan(page.FirstValue, page.Values), bitWidth, output);
                pageWriter.EndDataPage(page.Rows, Encoding.RleDictionary);
                continue;
            }
            for (var v = page.FirstValue; v < page.FirstValue + page.Values; v++) PlainEncoder.ByteArray(values.Value(v), output);
            pageWriter.EndDataPage(page.Rows, Encoding.Plain);
        }
        var statistics = ChunkStatistics.ByteArray(values.Data, values.Offsets, count - values.Count);
        return new EncodedColumnChunk(spec, pageWriter.Pages, count, statistics);
    }

    /// <summary>A data page's rows and the non-null values among them.</summary>
    private readonly record struct PageBound(int FirstRow, int Rows, int FirstValue, int Values);

    /// <summary>The dictionary: entries (value indexes of first occurrences), every value's entry, and how many leading pages use it.</summary>
    private sealed record TextDictionary(List<int> Entries, int[] Indices, int Pages);

    /// <summary>Cuts pages once their PLAIN size reaches <paramref name="pageSize"/> (a null counts one byte, for its level).</summary>
    private static List<PageBound> PageBounds(Utf8Values values, int pageSize)
    {
        var pages = new List<PageBound>();
        int firstRow = 0, firstValue = 0, value = 0;
        long bytes = 0;
        for (var row = 0; row < values.Rows; row++)
        {
            if (values.Levels.Length == 0 || values.Levels[row] == 1)
            {
                bytes += 4 + values.Offsets[value + 1] - values.Offsets[value];
                value++;
            }
            else bytes += 1;
            if (bytes < pageSize) continue;
            pages.Add(new PageBound(firstRow, row + 1 - firstRow, firstValue, value - firstValue));
            (firstRow, firstValue, bytes) = (row + 1, value, 0);
        }
        if (firstRow < values.Rows || pages.Count == 0)
            pages.Add(new PageBound(firstRow, values.Rows - firstRow, firstValue, value - firstValue));
        return pages;
    }

    /// <summary>
    /// Builds the dictionary page by page until the next new value would push it past
    /// <paramref name="limit"/> bytes; null when no page can use it or it does not pay.
    /// </summary>
    private static TextDictionary? DictionaryFor(Utf8Values values, List<PageBound> pages, int limit)
    {
        if (values.Count == 0) return null;
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<int>();
        var indices = new int[values.Count];
        long dictionaryBytes = 0;
        var usable = pages.Count;
        for (var p = 0; p < pages.Count && usable == pages.Count; p++)
        {
            var end = pages[p].FirstValue + pages[p].Values;
            for (var v = pages[p].FirstValue; v < end; v++)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, values.Strings[v], out var exists);
                if (!exists)
                {
                    var size = 4L + values.Offsets[v + 1] - values.Offsets[v];
                    if (dictionaryBytes + size > limit)
                    {
                        // This page and the rest are PLAIN; entries already added stay (unused entries are allowed).
                        lookup.Remove(values.Strings[v]);
                        usable = p;
                        break;
                    }
                    slot = entries.Count;
                    entries.Add(v);
                    dictionaryBytes += size;
                }
                indices[v] = slot;
            }
        }
        if (usable == 0) return null;
        // Does it pay? The dictionary page plus packed indices against PLAIN for the same values.
        var covered = pages[usable - 1].FirstValue + pages[usable - 1].Values;
        var plainBytes = 4L * covered + values.Offsets[covered] - values.Offsets[0];
        var bitWidth = RleBitPackedHybridEncoder.BitWidth(entries.Count - 1);
        var dictionaryCost = dictionaryBytes + (covered * (long)bitWidth + 7) / 8;
        return dictionaryCost < plainBytes ? new TextDictionary(entries, indices, usable) : null;
    }
}
