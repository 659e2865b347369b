using System.Text.Json;
using ClvML.Probabilistic;
using ClvML.Registry;

namespace ClvML.Persistence;

/// <summary>
/// <c>probabilistic/&lt;model&gt;.json</c>: a fitted BTYD or spend model with its parameters by their paper
/// names, log-likelihood, standard errors and optimiser diagnostics (the DESIGN.md contract), including
/// where a BTYD fit stands to its no-dropout limit (diagnostics.no_dropout_limit, absent in older files). Doubles are
/// written in shortest round-trip form, so a loaded model predicts exactly what the saved one did.
/// </summary>
public static class ProbabilisticModelFile
{
    /// <summary>Format name in the file header.</summary>
    public const string Format = "clvml.probabilistic_model";
    /// <summary>Format version written by this ClvML.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>.</summary>
    public static void Save(IProbabilisticModel model, string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        ModelJson.WriteHeader(json, Format, FormatVersion);
        json.WriteString("model", model.Name);
        json.WriteStartObject("parameters");
        foreach (var (name, value) in model.Parameters) WriteNumber(json, name, value);
        json.WriteEndObject();
        if (model.Diagnostics is { } d) WriteNumber(json, "log_likelihood", d.LogLikelihood);
        else json.WriteNull("log_likelihood");
        if (model.StandardErrors is { } errors)
        {
            json.WriteStartObject("standard_errors");
            foreach (var (name, _) in model.Parameters) WriteNumber(json, name, errors.TryGetValue(name, out var e) ? e : double.NaN);
            json.WriteEndObject();
        }
        else json.WriteNull("standard_errors");
        if (model is GammaGammaModel gg)
        {
            WriteNumber(json, "frequency_monetary_correlation", gg.FrequencyMonetaryCorrelation);
            json.WriteNumber("excluded_customers", gg.ExcludedCustomers);
        }
        if (model.Diagnostics is { } diagnostics)
        {
            json.WriteStartObject("diagnostics");
            json.WriteString("optimizer", diagnostics.Optimizer);
            json.WriteString("exit_reason", diagnostics.ExitReason);
            json.WriteNumber("iterations", diagnostics.Iterations);
            json.WriteNumber("evaluations", diagnostics.Evaluations);
            WriteNumber(json, "gradient_norm", diagnostics.GradientNorm);
            json.WriteNumber("starts", diagnostics.Starts);
            json.WriteBoolean("weakly_identified", diagnostics.WeaklyIdentified);
            json.WriteNumber("customers", diagnostics.Customers);
            json.WriteNumber("rows", diagnostics.Rows);
            WriteNumber(json, "penalizer", diagnostics.Penalizer);
            if (diagnostics.Dropout is { } dropout)
            {
                json.WriteStartObject("no_dropout_limit");
                json.WriteBoolean("at_limit", dropout.AtLimit);
                WriteNumber(json, "highest_dropout_probability", dropout.HighestDropoutProbability);
                WriteNumber(json, "log_likelihood", dropout.NoDropoutLogLikelihood);
                WriteNumber(json, "r", dropout.NoDropoutR);
                WriteNumber(json, "alpha", dropout.NoDropoutAlpha);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        else json.WriteNull("diagnostics");
        json.WriteEndObject();
    }

    /// <summary>Reads a model file; throws <see cref="InputException"/> naming the file when it is not one, or is too new.</summary>
    public static IProbabilisticModel Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        ModelJson.CheckHeader(root, Format, FormatVersion, path);
        try
        {
            var name = root.GetProperty("model").GetString();
            var p = root.GetProperty("parameters");
            double P(string key) => p.TryGetProperty(key, out var v) ? ModelJson.ReadDouble(v)
                : throw new InputException($"{path}: parameters.{key} is missing for model '{name}'.");
            var diagnostics = ReadDiagnostics(root);
            var errors = root.TryGetProperty("standard_errors", out var se) && se.ValueKind == JsonValueKind.Object
                ? se.EnumerateObject().ToDictionary(e => e.Name, e => ModelJson.ReadDouble(e.Value))
                : null;
            IProbabilisticModel model = name == GammaGammaModel.ModelName
                ? new GammaGammaModel(P("p"), P("q"), P("gamma"))
                {
                    Diagnostics = diagnostics,
                    StandardErrors = errors,
                    FrequencyMonetaryCorrelation = root.TryGetProperty("frequency_monetary_correlation", out var c) ? ModelJson.ReadDouble(c) : double.NaN,
                    ExcludedCustomers = root.TryGetProperty("excluded_customers", out var x) ? x.GetInt32() : 0,
                }
                : ModelRegistry.FindTransactionModel(name ?? "") is { } kind ? kind.Restore(P, diagnostics, errors)
                : throw new InputException($"{path}: unknown model '{name}' (expected {string.Join(", ", ModelRegistry.TransactionModels.Select(k => k.Name))} or {GammaGammaModel.ModelName}).");
            return model;
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw new InputException($"{path}: not a valid probabilistic model file ({e.Message}).");
        }
    }

    private static FitDiagnostics? ReadDiagnostics(JsonElement root)
    {
        if (!root.TryGetProperty("diagnostics", out var d) || d.ValueKind != JsonValueKind.Object) return null;
        return new FitDiagnostics(
            ModelJson.ReadDouble(root.GetProperty("log_likelihood")),
            d.GetProperty("iterations").GetInt32(),
            d.GetProperty("evaluations").GetInt32(),
            d.GetProperty("exit_reason").GetString() ?? "",
            ModelJson.ReadDouble(d.GetProperty("gradient_norm")),
            d.GetProperty("optimizer").GetString() ?? "",
            d.GetProperty("starts").GetInt32(),
            d.GetProperty("weakly_identified").GetBoolean(),
            d.GetProperty("customers").GetInt32(),
            d.GetProperty("rows").GetInt32(),
            ModelJson.ReadDouble(d.GetProperty("penalizer")))
        {
            // Files written before the no-dropout diagnosis have none.
            Dropout = d.TryGetProperty("no_dropout_limit", out var n) && n.ValueKind == JsonValueKind.Object
                ? new DropoutDiagnosis(n.GetProperty("at_limit").GetBoolean(), ModelJson.ReadDouble(n.GetProperty("highest_dropout_probability")),
                    ModelJson.ReadDouble(n.GetProperty("log_likelihood")), ModelJson.ReadDouble(n.GetProperty("r")), ModelJson.ReadDouble(n.GetProperty("alpha")))
                : null,
        };
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        ModelJson.WriteDouble(json, value);
    }
}
