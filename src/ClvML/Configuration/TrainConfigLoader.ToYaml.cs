using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using ClvML.Data;
using ClvML.Features;

namespace ClvML.Configuration;

public static partial class TrainConfigLoader
{
    /// <summary>
    /// Writes <paramref name="config"/> as YAML with every key of train-yaml.md, defaults filled in,
    /// so a run manifest records exactly what the run used. <see cref="Parse"/> of the result gives
    /// back an equal config. Paths are written as they are held (relative to the config's folder
    /// when they were read relative) and <c>connection_string</c> verbatim, <c>${VAR}</c> unexpanded.
    /// </summary>
    public static string ToYaml(TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var yaml = new BlockWriter(new Emitter(text));
        yaml.Begin("ClvML train config, fully resolved (every key, defaults filled in)");

        var run = config.Run;
        yaml.Section("run");
        yaml.String("name", run.Name);
        yaml.Int("seed", run.Seed);
        yaml.End();

        WriteData(yaml, config.Data);
        WriteFeatures(yaml, config.Features);

        var probabilistic = config.Probabilistic;
        yaml.Section("probabilistic");
        yaml.Bool("enabled", probabilistic.Enabled);
        yaml.List("transaction_models", probabilistic.TransactionModels);
        yaml.String("spend_model", probabilistic.SpendModel);
        yaml.Double("penalizer", probabilistic.Penalizer);
        yaml.Double("fit_time_limit_seconds", probabilistic.FitTimeLimitSeconds);
        yaml.Int("max_evaluations", probabilistic.MaxEvaluations);
        yaml.End();

        var segmentation = config.Segmentation;
        yaml.Section("segmentation");
        yaml.Bool("enabled", segmentation.Enabled);
        yaml.List("features", segmentation.Features);
        yaml.String("transform", segmentation.Transform);
        yaml.Plain("k", segmentation.K is { } k ? k.ToString(CultureInfo.InvariantCulture) : "auto");
        yaml.Numbers("k_range", segmentation.KRange.Min, segmentation.KRange.Max);
        yaml.Int("restarts", segmentation.Restarts);
        yaml.Bool("rfm_segments", segmentation.RfmSegments);
        yaml.String("engine", segmentation.Engine);
        yaml.End();

        var regression = config.Regression;
        yaml.Section("regression");
        yaml.Bool("enabled", regression.Enabled);
        yaml.String("target", regression.Target);
        yaml.List("trainers", regression.Trainers);
        yaml.Section("automl");
        yaml.Bool("enabled", regression.AutoMl.Enabled);
        yaml.Double("time_budget_seconds", regression.AutoMl.TimeBudgetSeconds);
        yaml.Int("max_trials", regression.AutoMl.MaxTrials);
        yaml.Int("folds", regression.AutoMl.Folds);
        yaml.String("metric", regression.AutoMl.Metric);
        yaml.End();
        yaml.End();

        var clv = config.Clv;
        yaml.Section("clv");
        yaml.Int("horizon_months", clv.HorizonMonths);
        yaml.Double("discount_rate", clv.DiscountRate);
        yaml.Double("margin", clv.Margin);
        yaml.Double("acquisition_cost", clv.AcquisitionCost);
        yaml.Double("service_cost_per_order", clv.ServiceCostPerOrder);
        yaml.End();

        yaml.Section("evaluation");
        yaml.List("report", config.Evaluation.Report);
        yaml.Plain("primary_metric", config.Evaluation.PrimaryMetric);
        yaml.End();

        yaml.Section("output");
        yaml.String("models_dir", config.Output.ModelsDir);
        yaml.End();

        yaml.Finish();
        return text.ToString();
    }

    private static void WriteData(BlockWriter yaml, DataSettings data)
    {
        yaml.Section("data");
        yaml.Plain("source", data.Source.ToString().ToLowerInvariant());
        yaml.Plain("kind", data.Kind.ToString().ToLowerInvariant());
        yaml.String("path", data.Path);
        yaml.String("query", data.Query);
        yaml.String("connection_string", data.ConnectionString);
        yaml.Section("sample");
        yaml.Int("customers", data.Sample.Customers);
        yaml.End();

        var columns = data.Columns;
        yaml.Section("columns");
        yaml.String("customer_id", columns.CustomerId);
        yaml.String("timestamp", columns.Timestamp);
        yaml.String("amount", columns.Amount);
        yaml.String("quantity", columns.Quantity);
        yaml.String("unit_price", columns.UnitPrice);
        yaml.String("order_id", columns.OrderId);
        yaml.List("attributes", columns.Attributes);
        yaml.String("frequency", columns.Frequency);
        yaml.String("recency", columns.Recency);
        yaml.String("t", columns.T);
        yaml.String("monetary_value", columns.MonetaryValue);
        yaml.End();

        yaml.List("timestamp_format", data.TimestampFormats.Count == 0 ? null : data.TimestampFormats);
        // "tab" reads better than a quoted tab character, which the emitter does not escape.
        if (data.Delimiter == "\t")
            yaml.Plain("delimiter", "tab");
        else
            yaml.String("delimiter", data.Delimiter);
        yaml.Bool("header", data.Header);
        yaml.List("column_names", data.ColumnNames);
        yaml.Plain("compression", data.Compression.ToString().ToLowerInvariant());
        yaml.Plain("bad_rows", data.BadRows.ToString().ToLowerInvariant());
        yaml.Plain("returns", data.Returns.ToString().ToLowerInvariant());
        yaml.End();
    }

    private static void WriteFeatures(BlockWriter yaml, FeatureSettings features)
    {
        yaml.Section("features");
        yaml.Plain("time_unit", features.TimeUnit.ToString().ToLowerInvariant());
        yaml.Plain("purchase_period", features.PurchasePeriod?.ToString().ToLowerInvariant() ?? "null");
        yaml.Plain("calibration_end", features.CalibrationEnd is { } calibrationEnd ? Format(calibrationEnd) : "null");
        yaml.Plain("observation_end", features.ObservationEnd is { } observationEnd ? Format(observationEnd) : "null");
        yaml.Plain("holdout", features.Holdout is { } holdout ? BlockWriter.FormatDouble(holdout) : "null");
        yaml.End();
    }

    /// <summary>Emits block mappings of scalars and flow lists, choosing each scalar's style.</summary>
    private sealed class BlockWriter(IEmitter emitter)
    {
        public void Begin(string comment)
        {
            emitter.Emit(new StreamStart());
            emitter.Emit(new Comment(comment, false));
            emitter.Emit(new DocumentStart(null, null, true));
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        }

        public void Finish()
        {
            emitter.Emit(new MappingEnd());
            emitter.Emit(new DocumentEnd(true));
            emitter.Emit(new StreamEnd());
        }

        public void Section(string key)
        {
            Key(key);
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        }

        public void End() => emitter.Emit(new MappingEnd());

        /// <summary>A value written as is: numbers, booleans, enum names, dates, null.</summary>
        public void Plain(string key, string text)
        {
            Key(key);
            Scalar(text, ScalarStyle.Plain);
        }

        public void String(string key, string? value)
        {
            Key(key);
            if (value is null)
                Scalar("null", ScalarStyle.Plain);
            else
                Scalar(value, StyleOf(value));
        }

        public void Int(string key, int value) => Plain(key, value.ToString(CultureInfo.InvariantCulture));

        public void Double(string key, double value) => Plain(key, FormatDouble(value));

        public void Bool(string key, bool value) => Plain(key, value ? "true" : "false");

        public void List(string key, IReadOnlyList<string>? items)
        {
            Key(key);
            if (items is null)
            {
                Scalar("null", ScalarStyle.Plain);
                return;
            }
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
            foreach (var item in items)
                Scalar(item, StyleOf(item));
            emitter.Emit(new SequenceEnd());
        }

        public void Numbers(string key, params ReadOnlySpan<int> values)
        {
            Key(key);
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
            foreach (var value in values)
                Scalar(value.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain);
            emitter.Emit(new SequenceEnd());
        }

        /// <summary>Round-trip digits; always with a decimal point so it reads as a number, not a count.</summary>
        public static string FormatDouble(double value)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
        }

        private void Key(string key) => Scalar(key, ScalarStyle.Plain);

        private void Scalar(string text, ScalarStyle style) =>
            emitter.Emit(new YamlDotNet.Core.Events.Scalar(null, null, text, style, true, true));

        // Quote a string that a YAML reader would take for something else (null, a bool, a number,
        // a date) or that plain style would mangle (tabs, edges of spaces); otherwise let the
        // emitter pick plain where it is safe.
        private static ScalarStyle StyleOf(string value) =>
            value.Length == 0 || value != value.Trim() || value.Any(char.IsControl) || LooksTyped(value)
                ? ScalarStyle.DoubleQuoted
                : ScalarStyle.Any;

        private static bool LooksTyped(string value) =>
            value.ToLowerInvariant() is "~" or "null" or "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n"
                or ".inf" or "-.inf" or "+.inf" or ".nan"
            || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }
}
