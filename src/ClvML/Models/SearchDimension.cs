using System.Globalization;

namespace ClvML.Models;

/// <summary>
/// One hyper-parameter: a numeric range (optionally log-scaled and integer) or a list of choices.
/// The search moves in the unit cube; <see cref="Decode"/> maps a coordinate in [0, 1] to a value.
/// </summary>
public sealed record SearchDimension(string Name, double Low, double High, bool LogScale = false, bool Integer = false, IReadOnlyList<string>? Choices = null)
{
    /// <summary>A categorical dimension.</summary>
    public static SearchDimension Choice(string name, params string[] choices) => new(name, 0, choices.Length - 1, Choices: choices);

    /// <summary>The value at unit coordinate <paramref name="u"/> (a choice index for a categorical dimension).</summary>
    public double Decode(double u)
    {
        u = Math.Clamp(u, 0, 1);
        if (Choices is not null) return Math.Min((int)(u * Choices.Count), Choices.Count - 1);
        var value = LogScale ? Math.Exp(Math.Log(Low) + u * (Math.Log(High) - Math.Log(Low))) : Low + u * (High - Low);
        return Integer ? Math.Round(value) : value;
    }

    /// <summary>The unit coordinate of <paramref name="value"/> (inverse of <see cref="Decode"/> up to rounding).</summary>
    public double Encode(double value)
    {
        if (Choices is not null) return (value + 0.5) / Choices.Count;
        return LogScale ? (Math.Log(value) - Math.Log(Low)) / (Math.Log(High) - Math.Log(Low)) : (value - Low) / (High - Low);
    }

    /// <summary>The value at <paramref name="u"/> as text for the leaderboard.</summary>
    public string Describe(double u)
    {
        var value = Decode(u);
        return Choices is not null ? Choices[(int)value] : Integer ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
