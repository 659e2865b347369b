namespace ClvML.Data.Parquet;

/// <summary>Decodes parquet.thrift struct <c>Statistics</c> (field ids 1-6; later ids are skipped).</summary>
internal static class StatisticsDecoder
{
    /// <summary>Reads one Statistics struct, stop byte included.</summary>
    public static Statistics Read(ThriftCompactReader reader)
    {
        byte[]? max = null, min = null, maxValue = null, minValue = null;
        long? nullCount = null, distinctCount = null;
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var field))
        {
            switch (field.Id)
            {
                case 1: max = reader.ReadBinary(field, "max"); break;
                case 2: min = reader.ReadBinary(field, "min"); break;
                case 3: nullCount = reader.ReadI64(field, "null_count"); break;
                case 4: distinctCount = reader.ReadI64(field, "distinct_count"); break;
                case 5: maxValue = reader.ReadBinary(field, "max_value"); break;
                case 6: minValue = reader.ReadBinary(field, "min_value"); break;
                default: reader.Skip(field); break;
            }
        }
        reader.EndStruct();
        return new Statistics(max, min, nullCount, distinctCount, maxValue, minValue);
    }
}
