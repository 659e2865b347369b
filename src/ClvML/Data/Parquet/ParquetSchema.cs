namespace ClvML.Data.Parquet;

/// <summary>
/// The flat view of a Parquet schema that ClvML reads: top-level leaf columns. Leaves under a
/// group (structs, lists, maps) and top-level REPEATED leaves (the legacy list form) are listed
/// in <see cref="Unsupported"/> with their path, so a caller can refuse a mapping that needs them
/// with a precise message while still reading the flat columns beside them.
/// </summary>
internal sealed class ParquetSchema
{
    /// <summary>
    /// Deepest group nesting accepted while walking the schema. Real schemas are a few levels
    /// deep; the limit keeps a corrupt num_children chain from exhausting the stack.
    /// </summary>
    public const int MaxDepth = 100;

    private ParquetSchema(IReadOnlyList<ParquetColumn> leaves, IReadOnlyList<ParquetColumn> columns, IReadOnlyList<string> unsupported)
    {
        Leaves = leaves;
        Columns = columns;
        Unsupported = unsupported;
    }

    /// <summary>Every leaf, nested or not, in schema order (the order of column chunks in a row group).</summary>
    public IReadOnlyList<ParquetColumn> Leaves { get; }

    /// <summary>The leaves ClvML can read: top-level, not REPEATED.</summary>
    public IReadOnlyList<ParquetColumn> Columns { get; }

    /// <summary>One "unsupported: ..." message per leaf that is not in <see cref="Columns"/>.</summary>
    public IReadOnlyList<string> Unsupported { get; }

    /// <summary>The readable column called <paramref name="name"/>, or null.</summary>
    public ParquetColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>Builds the view from FileMetaData.schema (a depth-first list whose first element is the root).</summary>
    /// <exception cref="ParquetFormatException">The list does not describe a tree.</exception>
    public static ParquetSchema From(IReadOnlyList<SchemaElement> elements, string source)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (elements.Count == 0) throw new ParquetFormatException(source, null, "schema is empty (no root element)");
        var walk = new Walk(elements, source);
        var rootChildren = elements[0].NumChildren ?? 0;
        var next = 1;
        for (var i = 0; i < rootChildren; i++) next = walk.Visit(next, [], 0, 0, 1);
        if (next != elements.Count)
            throw new ParquetFormatException(source, null, $"schema has {elements.Count} elements but the root's tree covers {next}");
        return new ParquetSchema(walk.Leaves, walk.Leaves.Where(c => c.Path.Count == 1 && c.Repetition != FieldRepetitionType.Repeated).ToList(), walk.Unsupported);
    }

    private sealed class Walk(IReadOnlyList<SchemaElement> elements, string source)
    {
        public List<ParquetColumn> Leaves { get; } = [];
        public List<string> Unsupported { get; } = [];

        /// <summary>Visits the element at <paramref name="index"/> and its subtree; returns the index after it.</summary>
        public int Visit(int index, IReadOnlyList<string> parentPath, int definition, int repetition, int depth)
        {
            if (index >= elements.Count)
                throw new ParquetFormatException(source, null, $"schema's num_children promise more than its {elements.Count} elements");
            if (depth > MaxDepth) throw new ParquetFormatException(source, null, $"schema nests deeper than {MaxDepth} levels");
            var element = elements[index];
            var repetitionType = element.RepetitionType ?? FieldRepetitionType.Required;
            if (repetitionType is not (FieldRepetitionType.Required or FieldRepetitionType.Optional or FieldRepetitionType.Repeated))
                throw new ParquetFormatException(source, null, $"schema element '{element.Name}' has unknown repetition type {(int)repetitionType}");
            if (repetitionType != FieldRepetitionType.Required) definition++;
            if (repetitionType == FieldRepetitionType.Repeated) repetition++;
            string[] path = [.. parentPath, element.Name];
            var children = element.NumChildren ?? 0;
            if (children < 0) throw new ParquetFormatException(source, null, $"schema element '{element.Name}' has {children} children");
            if (children > 0)
            {
                var next = index + 1;
                for (var i = 0; i < children; i++) next = Visit(next, path, definition, repetition, depth + 1);
                return next;
            }
            if (element.Type is not { } type)
                throw new ParquetFormatException(source, null, $"schema element '{string.Join('.', path)}' is a leaf without a physical type");
            var column = new ParquetColumn(path, Leaves.Count, type, element.TypeLength, element.LogicalType, element.ConvertedType,
                repetitionType, element.Scale, element.Precision, definition, repetition);
            Leaves.Add(column);
            if (path.Length > 1) Unsupported.Add($"unsupported: nested column {column.Name}");
            else if (repetitionType == FieldRepetitionType.Repeated) Unsupported.Add($"unsupported: repeated column {column.Name}");
            return index + 1;
        }
    }
}
