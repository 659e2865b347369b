using ClvML.Data.Records;

namespace ClvML.Data.Parquet;

/// <summary>
/// The columnar fast path of <see cref="ParquetTransactionSource"/>: when the mapping is just an
/// INT64 customer id, a DATE and a DOUBLE amount, runs of valid rows go to an
/// <see cref="ITransactionBatchSink"/> as spans of the decoded arrays, with no per-row text or
/// <see cref="DateTime"/>. A row the fast path cannot take as it is (a null, a non-finite amount, a
/// date outside years 1..9999) goes through <see cref="RecordTransactionReader.ReadRow"/> on its
/// own, so every reject has the per-row path's row, column, reason and raw text, in the same order.
/// </summary>
internal sealed class ParquetBatchTransactionReader
{
    private readonly ParquetRecordCursor _cursor;
    private readonly RecordColumns _columns;
    private readonly RecordTransactionReader _rows;

    private ParquetBatchTransactionReader(ParquetRecordCursor cursor, RecordColumns columns, RecordTransactionReader rows)
    {
        _cursor = cursor;
        _columns = columns;
        _rows = rows;
    }

    /// <summary>A reader for <paramref name="cursor"/>, or null when the mapping or the column types need the per-row path.</summary>
    public static ParquetBatchTransactionReader? TryCreate(ParquetRecordCursor cursor, IReadOnlyList<ParquetColumn> columns,
        DataSettings settings, string sourceName)
    {
        var map = settings.Columns;
        if (map.Amount is null || map.OrderId is not null || map.Attributes.Count > 0) return null;
        var mapped = new RecordColumns(cursor.ColumnNames, sourceName, map);
        // The same column mapped twice (id and amount, say) is left to the per-row path.
        if (new[] { mapped.CustomerId, mapped.Timestamp, mapped.Amount }.Distinct().Count() != 3) return null;
        if (!Is(columns[mapped.CustomerId], PhysicalType.Int64, ParquetValueKind.Integer)
            || !Is(columns[mapped.Timestamp], PhysicalType.Int32, ParquetValueKind.Date)
            || !Is(columns[mapped.Amount], PhysicalType.Double, ParquetValueKind.Real)) return null;
        return new ParquetBatchTransactionReader(cursor, mapped, new RecordTransactionReader(settings));
    }

    // Unsigned INT64 ids are left out: values beyond the int64 range are an error the per-row path reports.
    private static bool Is(ParquetColumn column, PhysicalType physical, ParquetValueKind kind) =>
        column.PhysicalType == physical && ParquetColumnType.Resolve(column, out _) is { IsUnsigned: false } type && type.Kind == kind;

    /// <summary>Reads every row group into <paramref name="sink"/>, counting every row in <paramref name="rejects"/>.</summary>
    public void Read(ITransactionBatchSink sink, RejectLog rejects)
    {
        try
        {
            ReadGroups(sink, rejects);
        }
        finally
        {
            _cursor.StopDecoding();
        }
    }

    private void ReadGroups(ITransactionBatchSink sink, RejectLog rejects)
    {
        var ranges = Array.Empty<Range>();
        while (_cursor.ReadRowGroup())
        {
            var values = _cursor.GroupValues;
            var ids = values[_columns.CustomerId];
            var dates = values[_columns.Timestamp];
            var amounts = values[_columns.Amount];
            var id = ids.Int64s!.AsSpan(0, _cursor.GroupRows);
            var day = dates.Int32s!.AsSpan(0, _cursor.GroupRows);
            var amount = amounts.Doubles!.AsSpan(0, _cursor.GroupRows);
            var firstLine = _cursor.RowsBefore + 1;
            // Nulls are rare: one flag per column decides whether the loop looks at them at all.
            var anyNulls = ids.HasNulls || dates.HasNulls || amounts.HasNulls;
            var start = 0;
            for (var i = 0; i < id.Length; i++)
            {
                if (double.IsFinite(amount[i]) && ParquetColumnValues.IsDateInRange(day[i])
                    && (!anyNulls || !(ids.IsNull(i) || dates.IsNull(i) || amounts.IsNull(i)))) continue;
                Hand(sink, rejects, id[start..i], day[start..i], amount[start..i], firstLine + start);
                _cursor.MoveTo(i);
                _rows.ReadRow(_cursor, _columns, ranges, sink, rejects);
                start = i + 1;
            }
            Hand(sink, rejects, id[start..], day[start..], amount[start..], firstLine + start);
        }
    }

    private static void Hand(ITransactionBatchSink sink, RejectLog rejects, ReadOnlySpan<long> ids, ReadOnlySpan<int> days,
        ReadOnlySpan<double> amounts, long firstLine)
    {
        if (ids.IsEmpty) return;
        rejects.CountRows(ids.Length);
        sink.AcceptBatch(new TransactionColumns { CustomerIds = ids, EpochDays = days, Amounts = amounts, FirstLine = firstLine });
    }
}
