namespace ClvML.Tests.Cli;

/// <summary>train.yaml for the built-in sample with its columns and the README's calibration/holdout split; the model sections vary by test.</summary>
internal static class SampleTrainingYaml
{
    /// <summary>A run named <paramref name="name"/> on <paramref name="customers"/> sample customers, followed by <paramref name="models"/> (top-level YAML).</summary>
    public static string For(string name, int customers, string models) => $"""
        run:
          name: {name}
        data:
          source: sample
          sample:
            customers: {customers}
          columns:
            order_id: order_id
        features:
          calibration_end: 2025-06-30
          observation_end: 2025-12-31
        {models}
        """;
}
