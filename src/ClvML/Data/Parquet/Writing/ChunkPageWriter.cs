using System.Buffers;
using System.Buffers.Binary;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Assembles the pages of one column chunk in memory: a v1 data page body is the repetition
/// levels (none for a flat column), the definition levels (OPTIONAL columns only: the RLE/bit-packed
/// hybrid at bit width 1 behind a 4-byte little-endian length, parquet-format Encodings.md), then
/// the values; the whole body is compressed (README, "Data Pages") and preceded by its PageHeader.
/// </summary>
internal sealed class ChunkPageWriter(ParquetColumnSpec spec, CompressionCodec codec)
{
    private readonly List<EncodedPage> _pages = [];
    private readonly ArrayBufferWriter<byte> _body = new(1 << 16);
    private readonly ThriftCompactWriter _header = new(64);

    /// <summary>The pages so far, in file order.</summary>
    public IReadOnlyList<EncodedPage> Pages => _pages;

    /// <summary>
    /// Starts a data page and writes its definition levels (1 for a value, 0 for a null) when the
    /// column is OPTIONAL; returns the buffer the values go into next.
    /// </summary>
    public IBufferWriter<byte> BeginDataPage(ReadOnlySpan<int> definitionLevels)
    {
        _body.ResetWrittenCount();
        if (spec.IsOptional)
        {
            _body.GetSpan(4);
            _body.Advance(4);
            RleBitPackedHybridEncoder.Encode(definitionLevels, 1, _body);
            var levelBytes = _body.WrittenCount - 4;
            BinaryPrimitives.WriteInt32LittleEndian(MutableWritten()[..4], levelBytes);
        }
        return _body;
    }

    /// <summary>Finishes the data page begun last: <paramref name="numValues"/> counts nulls too.</summary>
    public void EndDataPage(int numValues, Encoding encoding) =>
        Add(PageType.DataPage, encoding, size => new PageHeader(PageType.DataPage, size.Uncompressed, size.Compressed, null,
            new DataPageHeader(numValues, encoding, Encoding.Rle, Encoding.Rle, null), null, null));

    /// <summary>Starts the dictionary page; it must come before every data page of the chunk.</summary>
    public IBufferWriter<byte> BeginDictionaryPage()
    {
        if (_pages.Count > 0) throw new InvalidOperationException("The dictionary page must be the chunk's first page.");
        _body.ResetWrittenCount();
        return _body;
    }

    /// <summary>Finishes the dictionary page of <paramref name="entries"/> PLAIN-encoded values.</summary>
    public void EndDictionaryPage(int entries) =>
        // The dictionary page's own encoding is PLAIN in format 2 files (Encodings.md, "Dictionary Encoding").
        Add(PageType.DictionaryPage, Encoding.Plain, size => new PageHeader(PageType.DictionaryPage, size.Uncompressed, size.Compressed, null,
            null, new DictionaryPageHeader(entries, Encoding.Plain, null), null));

    private void Add(PageType type, Encoding encoding, Func<(int Uncompressed, int Compressed), PageHeader> header)
    {
        var uncompressed = _body.WrittenSpan;
        var body = PageCompressor.Compress(codec, uncompressed);
        _header.Clear();
        PageHeaderEncoder.Write(_header, header((uncompressed.Length, body.Length)));
        _pages.Add(new EncodedPage(_header.ToArray(), body, type, encoding, uncompressed.Length));
    }

    // ArrayBufferWriter exposes its written bytes read-only; the level length is patched in place
    // through the same memory.
    private Span<byte> MutableWritten() =>
        System.Runtime.InteropServices.MemoryMarshal.AsMemory(_body.WrittenMemory).Span;
}
