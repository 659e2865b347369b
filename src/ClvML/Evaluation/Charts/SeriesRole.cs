namespace ClvML.Evaluation.Charts;

/// <summary>What a series stands for, which decides how it is drawn.</summary>
public enum SeriesRole
{
    /// <summary>A model's series: the next palette colour.</summary>
    Model,

    /// <summary>The observed values the models are judged against: black and thicker, so it stands out.</summary>
    Actual,

    /// <summary>A reference such as the random-ranking diagonal: thin, grey and dashed.</summary>
    Reference,
}
