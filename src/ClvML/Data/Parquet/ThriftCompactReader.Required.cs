namespace ClvML.Data.Parquet;

/// <summary>Checks for fields parquet.thrift marks <c>required</c>.</summary>
internal sealed partial class ThriftCompactReader
{
    /// <summary>The value of a required field, or a failure naming the struct, the field and where the struct began.</summary>
    public T Required<T>(T? value, string structName, string fieldName, long structOffset) where T : struct
    {
        if (value is null) Fail(structOffset, $"{structName} is missing required field '{fieldName}'");
        return value.Value;
    }

    /// <summary>The value of a required reference-type field, or a failure naming the struct, the field and where the struct began.</summary>
    public T Required<T>(T? value, string structName, string fieldName, long structOffset) where T : class
    {
        if (value is null) Fail(structOffset, $"{structName} is missing required field '{fieldName}'");
        return value;
    }
}
