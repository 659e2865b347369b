namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// A column chunk encoded in memory, waiting for its place in the file: the pages in file order
/// (the dictionary page first, when there is one), the values they hold and the chunk statistics.
/// </summary>
/// <param name="Spec">The column.</param>
/// <param name="Pages">Pages in file order.</param>
/// <param name="NumValues">Values including nulls (the rows of the chunk, for a flat column).</param>
/// <param name="Statistics">min/max/null_count of the chunk.</param>
internal sealed record EncodedColumnChunk(ParquetColumnSpec Spec, IReadOnlyList<EncodedPage> Pages, long NumValues, Statistics Statistics)
{
    /// <summary>Whether the first page is a dictionary page.</summary>
    public bool HasDictionaryPage => Pages.Count > 0 && Pages[0].Type == PageType.DictionaryPage;

    /// <summary>The chunk's metadata once its first page is at <paramref name="offset"/> in the file.</summary>
    public WrittenColumnChunk Place(long offset, CompressionCodec codec)
    {
        long? dictionaryOffset = HasDictionaryPage ? offset : null;
        var dataOffset = HasDictionaryPage ? offset + Pages[0].StoredSize : offset;
        var meta = new ColumnMetaData(Spec.PhysicalType, Encodings(), [Spec.Name], codec, NumValues,
            Pages.Sum(p => p.UncompressedSize), Pages.Sum(p => p.StoredSize), dataOffset, null, dictionaryOffset, Statistics);
        var stats = Pages.GroupBy(p => (p.Type, p.Encoding))
            .Select(g => new PageEncodingCount(g.Key.Type, g.Key.Encoding, g.Count()))
            .OrderBy(s => s.PageType == PageType.DictionaryPage ? 0 : 1).ThenBy(s => (int)s.Encoding).ToList();
        return new WrittenColumnChunk(meta, stats);
    }

    /// <summary>
    /// ColumnMetaData.encodings, "set of all encodings used for pages in this column chunk": the
    /// pages' value encodings and, for an OPTIONAL column, RLE for its definition levels; in
    /// ascending enum order so the footer does not depend on page order.
    /// </summary>
    private List<Encoding> Encodings()
    {
        var set = new SortedSet<Encoding>(Pages.Select(p => p.Encoding));
        if (Spec.IsOptional && Pages.Any(p => p.Type == PageType.DataPage)) set.Add(Encoding.Rle);
        return [.. set];
    }
}
