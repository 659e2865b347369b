using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// The flat schema view: readable top-level columns, nested and repeated leaves listed as
/// unsupported by path, levels as parquet-format's "Nested Encoding" defines them, malformed trees refused.
/// </summary>
public sealed class ParquetSchemaTests
{
    private static SchemaElement Group(string name, int children, FieldRepetitionType? repetition = FieldRepetitionType.Optional) =>
        new(null, null, repetition, name, children, null, null, null, null, null);

    private static SchemaElement Leaf(string name, PhysicalType type, FieldRepetitionType repetition) =>
        new(type, null, repetition, name, null, null, null, null, null, null);

    private static readonly SchemaElement[] Nested =
    [
        Group("schema", 4, repetition: null),
        Leaf("customer_id", PhysicalType.Int64, FieldRepetitionType.Required),
        Group("address", 2),
        Leaf("city", PhysicalType.ByteArray, FieldRepetitionType.Optional),
        Leaf("zip", PhysicalType.Int32, FieldRepetitionType.Required),
        Leaf("tags", PhysicalType.ByteArray, FieldRepetitionType.Repeated),
        Leaf("amount", PhysicalType.Double, FieldRepetitionType.Optional),
    ];

    [Fact]
    public void Nested_and_repeated_leaves_are_listed_as_unsupported_with_their_path()
    {
        var schema = ParquetSchema.From(Nested, "t.parquet");
        Assert.Equal(["customer_id", "amount"], schema.Columns.Select(c => c.Name));
        Assert.Equal(
            ["unsupported: nested column address.city", "unsupported: nested column address.zip", "unsupported: repeated column tags"],
            schema.Unsupported);
        Assert.Equal(4, schema.Columns[1].Index);
        Assert.Null(schema.Find("address.city"));
        Assert.Equal(PhysicalType.Double, schema.Find("amount")!.PhysicalType);
    }

    [Fact]
    public void Levels_count_optional_and_repeated_ancestors()
    {
        var leaves = ParquetSchema.From(Nested, "t.parquet").Leaves;
        Assert.Equal([0, 2, 1, 1, 1], leaves.Select(c => c.MaxDefinitionLevel));
        Assert.Equal([0, 0, 0, 1, 0], leaves.Select(c => c.MaxRepetitionLevel));
    }

    [Fact]
    public void Children_beyond_the_list_are_refused()
    {
        var error = Assert.Throws<ParquetFormatException>(() => ParquetSchema.From([Group("schema", 3, null), Leaf("a", PhysicalType.Int32, FieldRepetitionType.Required)], "t.parquet"));
        Assert.Equal("t.parquet: schema's num_children promise more than its 2 elements", error.Message);
    }

    [Fact]
    public void Elements_outside_the_tree_are_refused()
    {
        var error = Assert.Throws<ParquetFormatException>(() => ParquetSchema.From(
            [Group("schema", 1, null), Leaf("a", PhysicalType.Int32, FieldRepetitionType.Required), Leaf("b", PhysicalType.Int32, FieldRepetitionType.Required)], "t.parquet"));
        Assert.Contains("schema has 3 elements but the root's tree covers 2", error.Message);
    }

    [Fact]
    public void A_leaf_without_a_type_is_refused()
    {
        var error = Assert.Throws<ParquetFormatException>(() => ParquetSchema.From([Group("schema", 1, null), Group("a", 0)], "t.parquet"));
        Assert.Contains("'a' is a leaf without a physical type", error.Message);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_without_exhausting_the_stack()
    {
        var chain = Enumerable.Range(0, 5000).Select(i => Group("g" + i, 1)).Append(Leaf("x", PhysicalType.Int32, FieldRepetitionType.Required));
        var error = Assert.Throws<ParquetFormatException>(() => ParquetSchema.From([Group("schema", 1, null), .. chain], "t.parquet"));
        Assert.Contains($"nests deeper than {ParquetSchema.MaxDepth} levels", error.Message);
    }

    [Fact]
    public void An_empty_schema_is_refused()
    {
        var error = Assert.Throws<ParquetFormatException>(() => ParquetSchema.From([], "t.parquet"));
        Assert.Equal("t.parquet: schema is empty (no root element)", error.Message);
    }
}
