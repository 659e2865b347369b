using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ClvML.Configuration;

/// <summary>
/// One YAML mapping being bound to a settings record. Each read names its key, so the section knows
/// which keys are allowed at this level and <see cref="RejectUnknownKeys"/> can list them. A bad value
/// adds a <see cref="ConfigProblem"/> to the shared list and the read returns the default, so binding
/// goes on and every problem in the file is reported together.
/// </summary>
internal sealed class YamlSection
{
    /// <summary>Path used for problems about the document itself.</summary>
    public const string TopLevel = "(top level)";

    private readonly Dictionary<string, KeyValuePair<YamlNode, YamlNode>> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _allowed = [];
    private readonly List<ConfigProblem> _problems;

    private YamlSection(YamlMappingNode? node, string path, List<ConfigProblem> problems)
    {
        Path = path;
        _problems = problems;
        if (node is null)
            return;
        foreach (var entry in node.Children)
        {
            // Duplicate keys never get here: YamlDotNet rejects them while loading.
            if (entry.Key is YamlScalarNode { Value: { } name })
                _entries[name] = entry;
            else
                problems.Add(new(path.Length == 0 ? TopLevel : path, LineOf(entry.Key), $"expected a key name; found {Describe(entry.Key)}"));
        }
    }

    /// <summary>The section for a document's top-level mapping (null for an empty document).</summary>
    public static YamlSection Root(YamlMappingNode? node, List<ConfigProblem> problems) => new(node, "", problems);

    /// <summary>Dotted path of this section; empty at the top level.</summary>
    public string Path { get; }

    /// <summary>Dotted path of <paramref name="key"/> in this section.</summary>
    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Whether <paramref name="key"/> is present with a value other than null.</summary>
    public bool Given(string key) => Node(key) is { } node && !IsNull(node);

    /// <summary>The value node of an allowed key, or null when the key is absent.</summary>
    public YamlNode? Node(string key)
    {
        if (!_allowed.Contains(key))
            _allowed.Add(key);
        return _entries.TryGetValue(key, out var entry) ? entry.Value : null;
    }

    /// <summary>Reports a problem about <paramref name="key"/> at its value's line (0 when absent).</summary>
    public void Report(string key, string message) => Report(key, Node(key), message);

    /// <summary>Reports a problem about <paramref name="key"/> at the line of <paramref name="node"/>.</summary>
    public void Report(string key, YamlNode? node, string message) =>
        _problems.Add(new(PathOf(key), node is null ? 0 : LineOf(node), message));

    /// <summary>A nested section; absent or null means all defaults.</summary>
    public YamlSection Section(string key)
    {
        var node = Node(key);
        if (node is YamlMappingNode mapping)
            return new(mapping, PathOf(key), _problems);
        if (node is not null && !IsNull(node))
            Report(key, node, $"expected a section (a mapping of keys); found {Describe(node)}");
        return new(null, PathOf(key), _problems);
    }

    /// <summary>A non-empty string.</summary>
    public string String(string key, string @default) =>
        Scalar(key, "a non-empty string", nullable: false) is { } text ? NonEmpty(key, text, @default) ?? @default : @default;

    /// <summary>A non-empty string or null; absent gives <paramref name="default"/>.</summary>
    public string? NullableString(string key, string? @default) =>
        Scalar(key, "a non-empty string or null", nullable: true) is { } text ? NonEmpty(key, text, @default) : NullOr(key, @default);

    /// <summary>An integer no smaller than <paramref name="min"/>.</summary>
    public int Int(string key, int @default, int min = int.MinValue)
    {
        var expected = min == int.MinValue ? "an integer" : $"an integer >= {min.ToString(CultureInfo.InvariantCulture)}";
        if (Scalar(key, expected, nullable: false) is not { } text)
            return @default;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min)
            return value;
        Report(key, $"expected {expected}; found '{text}'");
        return @default;
    }

    /// <summary>A finite number above (or, with <paramref name="inclusive"/>, at least) <paramref name="min"/>.</summary>
    public double Double(string key, double @default, double min, bool inclusive) =>
        ReadDouble(key, min, inclusive, nullable: false) ?? @default;

    /// <summary>Like <see cref="Double"/>, but null is allowed; absent gives <paramref name="default"/>.</summary>
    public double? NullableDouble(string key, double? @default, double min, bool inclusive) =>
        Given(key) ? ReadDouble(key, min, inclusive, nullable: true) ?? @default : NullOr(key, @default);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public bool Bool(string key, bool @default)
    {
        var text = Scalar(key, "true or false", nullable: false);
        switch (text)
        {
            case null: return @default;
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
            default:
                Report(key, $"expected true or false; found '{text}'");
                return @default;
        }
    }

    /// <summary>An enum value written as its lower-case name.</summary>
    public T Enum<T>(string key, T @default) where T : struct, Enum =>
        ReadEnum<T>(key, nullable: false) ?? @default;

    /// <summary>An enum value or null; absent gives <paramref name="default"/>.</summary>
    public T? NullableEnum<T>(string key, T? @default) where T : struct, Enum =>
        Given(key) ? ReadEnum<T>(key, nullable: true) ?? @default : NullOr(key, @default);

    /// <summary>A <c>yyyy-MM-dd</c> date or null.</summary>
    public DateOnly? NullableDate(string key)
    {
        if (Scalar(key, "a date yyyy-MM-dd or null", nullable: true) is not { } text)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Report(key, $"expected a date yyyy-MM-dd (e.g. 2024-06-30); found '{text}'");
        return null;
    }

    /// <summary>One name out of <paramref name="known"/>.</summary>
    public string Name(string key, string @default, IReadOnlyList<string> known)
    {
        var expected = $"one of {string.Join(", ", known)}";
        if (Scalar(key, expected, nullable: false) is not { } text)
            return @default;
        if (known.Contains(text, StringComparer.Ordinal))
            return text;
        Report(key, $"expected {expected}; found '{text}'{DidYouMean(text, known)}");
        return @default;
    }

    /// <summary>
    /// A list of distinct non-empty strings, each out of <paramref name="known"/> when given.
    /// With <paramref name="scalarAllowed"/> a single string is read as a one-item list.
    /// </summary>
    public IReadOnlyList<string> StringList(string key, IReadOnlyList<string> @default,
        IReadOnlyList<string>? known = null, bool scalarAllowed = false) =>
        ReadList(key, known, scalarAllowed, nullable: false) ?? @default;

    /// <summary>Like <see cref="StringList"/>, but null is allowed; absent gives <paramref name="default"/>.</summary>
    public IReadOnlyList<string>? NullableStringList(string key, IReadOnlyList<string>? @default,
        IReadOnlyList<string>? known = null, bool scalarAllowed = false) =>
        Given(key) ? ReadList(key, known, scalarAllowed, nullable: true) ?? @default : NullOr(key, @default);

    /// <summary>Reports every key of this section that no read asked about; call after all reads.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (name, entry) in _entries)
        {
            if (_allowed.Contains(name))
                continue;
            var allowed = _allowed.Count == 0 ? " (no keys are allowed here)" : $" (allowed here: {string.Join(", ", _allowed)})";
            _problems.Add(new(PathOf(name), LineOf(entry.Key), $"unknown key '{name}'{DidYouMean(name, _allowed)}{allowed}"));
        }
    }

    /// <summary>Whether a node is YAML null: a plain <c>null</c>, <c>~</c> or nothing at all.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>How a node reads in a message: <c>'text'</c>, <c>null</c>, <c>a list</c> or <c>a mapping</c>.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        _ when IsNull(node) => "null",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };

    /// <summary>1-based line where a node starts.</summary>
    public static int LineOf(YamlNode node) => (int)Math.Min(node.Start.Line, int.MaxValue);

    /// <summary><c>; did you mean 'x'?</c> when a candidate is within edit distance 2, else empty.</summary>
    public static string DidYouMean(string found, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(found.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }
        // A short word is within distance 2 of almost anything; only suggest what is clearly closer.
        return best is not null && bestDistance <= 2 && bestDistance < found.Length ? $"; did you mean '{best}'?" : "";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    // The text of a scalar value; null when the key is absent, null-valued or not a scalar (reported
    // unless null is allowed).
    private string? Scalar(string key, string expected, bool nullable)
    {
        var node = Node(key);
        if (node is null)
            return null;
        if (IsNull(node))
        {
            if (!nullable)
                Report(key, node, $"expected {expected}; found null");
            return null;
        }
        if (node is YamlScalarNode scalar)
            return scalar.Value ?? "";
        Report(key, node, $"expected {expected}; found {Describe(node)}");
        return null;
    }

    private string? NonEmpty(string key, string text, string? @default)
    {
        if (text.Trim().Length > 0)
            return text;
        Report(key, $"expected a non-empty string; found '{text}'");
        return @default;
    }

    // Absent keys keep the default; an explicit null means null.
    private TValue? NullOr<TValue>(string key, TValue? @default) => Node(key) is null ? @default : default;

    private double? ReadDouble(string key, double min, bool inclusive, bool nullable)
    {
        var bound = $"{(inclusive ? ">=" : ">")} {min.ToString(CultureInfo.InvariantCulture)}";
        var expected = $"a finite number {bound}";
        if (Scalar(key, nullable ? expected + " or null" : expected, nullable) is not { } text)
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && (inclusive ? value >= min : value > min))
            return value;
        Report(key, $"expected {expected}; found '{text}'");
        return null;
    }

    private T? ReadEnum<T>(string key, bool nullable) where T : struct, Enum
    {
        var names = System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray();
        var expected = $"one of {string.Join(", ", names)}";
        if (Scalar(key, nullable ? expected + " or null" : expected, nullable) is not { } text)
            return null;
        var index = Array.IndexOf(names, text);
        if (index >= 0)
            return System.Enum.GetValues<T>()[index];
        Report(key, $"expected {expected}; found '{text}'{DidYouMean(text, names)}");
        return null;
    }

    private List<string>? ReadList(string key, IReadOnlyList<string>? known, bool scalarAllowed, bool nullable)
    {
        var node = Node(key);
        var expected = (known is null ? "a list of names" : $"a list of {string.Join(", ", known)}")
            + (scalarAllowed ? " or a single string" : "") + (nullable ? " or null" : "");
        if (node is null || (IsNull(node) && nullable))
            return null;
        if (scalarAllowed && node is YamlScalarNode && !IsNull(node))
            return ReadItems(key, [node], known);
        if (node is YamlSequenceNode sequence)
            return ReadItems(key, sequence.Children, known);
        var hint = node is YamlScalarNode && !IsNull(node) ? $" (write [{((YamlScalarNode)node).Value}])" : "";
        Report(key, node, $"expected {expected}; found {Describe(node)}{hint}");
        return null;
    }

    private List<string>? ReadItems(string key, IList<YamlNode> items, IReadOnlyList<string>? known)
    {
        var values = new List<string>(items.Count);
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            if (ItemProblem(items[i], values, known) is { } problem)
            {
                Report(key, items[i], $"item {(i + 1).ToString(CultureInfo.InvariantCulture)}: {problem}");
                ok = false;
            }
            else
                values.Add(((YamlScalarNode)items[i]).Value!);
        }
        return ok ? values : null;
    }

    private static string? ItemProblem(YamlNode item, List<string> earlier, IReadOnlyList<string>? known)
    {
        if (item is not YamlScalarNode { Value: { } text } || IsNull(item) || text.Trim().Length == 0)
            return $"expected a non-empty string; found {Describe(item)}";
        if (known is not null && !known.Contains(text, StringComparer.Ordinal))
            return $"expected one of {string.Join(", ", known)}; found '{text}'{DidYouMean(text, known)}";
        if (earlier.Contains(text, StringComparer.Ordinal))
            return $"'{text}' is listed twice; each value may appear once";
        return null;
    }
}
