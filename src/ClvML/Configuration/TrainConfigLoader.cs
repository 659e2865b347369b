using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using ClvML.Probabilistic;

namespace ClvML.Configuration;

/// <summary>
/// Reads <c>train.yaml</c> (shared/docs/train-yaml.md) into a <see cref="TrainConfig"/>. Binding is
/// written out key by key, not done by a reflection deserializer, so every value is validated and
/// every problem is reported together with its YAML path and line in one <see cref="ConfigException"/>.
/// </summary>
public static partial class TrainConfigLoader
{
    /// <summary>Reads and parses the config file at <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file does not exist or cannot be read.</exception>
    /// <exception cref="ConfigException">The file has problems; all of them are listed.</exception>
    public static TrainConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new InputException($"{path}: config file not found (looked for {System.IO.Path.GetFullPath(path)})");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the config file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>
    /// Parses config text. An empty document (or one holding only comments) is all defaults; a section
    /// that is absent or null uses its defaults. Relative paths are kept as written; see <see cref="ResolvePath"/>.
    /// </summary>
    /// <param name="yamlText">The YAML text.</param>
    /// <param name="fileName">Names the file in the exception message.</param>
    /// <exception cref="ConfigException">The text has problems; all of them are listed, in file order.</exception>
    public static TrainConfig Parse(string yamlText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var problems = new List<ConfigProblem>();
        var config = ReadDocument(yamlText, problems) is { } root ? Bind(YamlSection.Root(root, problems)) : new TrainConfig();
        if (problems.Count > 0)
            throw new ConfigException(fileName, [.. problems.OrderBy(p => p.Line == 0 ? int.MaxValue : p.Line)]);
        return config;
    }

    /// <summary>
    /// Resolves a path from the config (<c>data.path</c>, <c>output.models_dir</c>) the way the
    /// config means it: a relative path is relative to the folder holding the config file, not to
    /// the current directory. An absolute path is returned unchanged (normalised).
    /// </summary>
    /// <param name="configPath">The config file's path (absolute or relative to the current directory).</param>
    /// <param name="relative">The path as written in the config.</param>
    /// <returns>A full path.</returns>
    public static string ResolvePath(string configPath, string relative)
    {
        ArgumentNullException.ThrowIfNull(configPath);
        ArgumentNullException.ThrowIfNull(relative);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(configPath)) ?? Directory.GetCurrentDirectory();
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, relative));
    }

    // The top-level mapping; null for an empty document (or after a reported problem).
    private static YamlMappingNode? ReadDocument(string yamlText, List<ConfigProblem> problems)
    {
        var parser = new Parser(new StringReader(yamlText));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            problems.Add(new(YamlSection.TopLevel, (int)e.Start.Line, $"YAML syntax error: {e.Message}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unclosed flow collections ("[1, 2" then EOF).
            var line = parser.Current is { } last ? (int)last.End.Line : 0;
            problems.Add(new(YamlSection.TopLevel, line, "YAML syntax error after this line (an unclosed '[', '{' or quote?)"));
            return null;
        }
        if (stream.Documents.Count == 0)
            return null;
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            problems.Add(new(YamlSection.TopLevel, YamlSection.LineOf(second), $"expected one YAML document; found {stream.Documents.Count} (remove the extra '---')"));
            return null;
        }
        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode mapping)
            return mapping;
        if (!YamlSection.IsNull(root))
            problems.Add(new(YamlSection.TopLevel, YamlSection.LineOf(root), $"expected a mapping of sections (run, data, features, ...); found {YamlSection.Describe(root)}"));
        return null;
    }

    private static TrainConfig Bind(YamlSection root)
    {
        var config = new TrainConfig
        {
            Run = BindRun(root.Section("run")),
            Data = BindData(root.Section("data")),
            Features = BindFeatures(root.Section("features")),
            Probabilistic = BindProbabilistic(root.Section("probabilistic")),
            Segmentation = BindSegmentation(root.Section("segmentation")),
            Regression = BindRegression(root.Section("regression")),
            Clv = BindClv(root.Section("clv")),
            Evaluation = BindEvaluation(root.Section("evaluation")),
            Output = BindOutput(root.Section("output")),
        };
        root.RejectUnknownKeys();
        CheckDiscretePeriods(config, root);
        return config;
    }

    private static RunSettings BindRun(YamlSection s)
    {
        var defaults = new RunSettings();
        var name = s.String("name", defaults.Name);
        if (!IsDirectoryName(name))
            s.Report("name", $"expected a single directory name (no '/', '\\', ':', '*', '?', '\"', '<', '>', '|' or control characters; not '.' or '..'); found '{name}'");
        var run = new RunSettings { Name = name, Seed = s.Int("seed", defaults.Seed) };
        s.RejectUnknownKeys();
        return run;
    }

    // Portable: a name that is valid on Windows too, so a config moves between machines.
    private static bool IsDirectoryName(string name) =>
        name.Trim().Length > 0 && name is not "." and not ".."
        && !name.Any(c => char.IsControl(c) || "/\\:*?\"<>|".Contains(c));

    private static ClvSettings BindClv(YamlSection s)
    {
        var d = new ClvSettings();
        var clv = new ClvSettings
        {
            HorizonMonths = s.Int("horizon_months", d.HorizonMonths, min: 1),
            DiscountRate = s.Double("discount_rate", d.DiscountRate, 0, inclusive: true),
            Margin = s.Double("margin", d.Margin, 0, inclusive: false),
            AcquisitionCost = s.Double("acquisition_cost", d.AcquisitionCost, 0, inclusive: true),
            ServiceCostPerOrder = s.Double("service_cost_per_order", d.ServiceCostPerOrder, 0, inclusive: true),
        };
        s.RejectUnknownKeys();
        return clv;
    }

    private static EvaluationSettings BindEvaluation(YamlSection s)
    {
        var evaluation = new EvaluationSettings
        {
            Report = s.StringList("report", new EvaluationSettings().Report, EvaluationSettings.KnownReports),
            PrimaryMetric = s.Name("primary_metric", new EvaluationSettings().PrimaryMetric, Evaluation.HoldoutMetrics.Names),
        };
        s.RejectUnknownKeys();
        return evaluation;
    }

    private static OutputSettings BindOutput(YamlSection s)
    {
        var output = new OutputSettings { ModelsDir = s.String("models_dir", new OutputSettings().ModelsDir) };
        s.RejectUnknownKeys();
        return output;
    }
}
