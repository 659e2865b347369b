using System.CommandLine;
using System.Globalization;

namespace ClvML.Cli;

/// <summary>
/// An integer option whose mistakes are told in the user's words: "--customers: 'abc' is not a whole
/// number" and "--customers must be at least 1; got -5", instead of the parser's .NET type names.
/// </summary>
internal static class WholeNumberOption
{
    /// <summary>An option <paramref name="name"/> taking a whole number in <paramref name="minimum"/> .. <paramref name="maximum"/>.</summary>
    public static Option<int> Create(string name, string alias, string description, int defaultValue, int minimum = int.MinValue, int maximum = int.MaxValue) =>
        new(name, alias)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = string.Join(' ', result.Tokens.Select(t => t.Value));
                // Parsed wide, so a number beyond int's range is told as out of range, not as "not a number".
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                    result.AddError($"{name}: '{text}' is not a whole number.");
                else if (value < minimum)
                    result.AddError($"{name} must be at least {minimum.ToString("N0", CultureInfo.InvariantCulture)}; got {text}.");
                else if (value > maximum)
                    result.AddError($"{name} must be at most {maximum.ToString("N0", CultureInfo.InvariantCulture)}; got {text}.");
                else return (int)value;
                return defaultValue;
            },
        };
}
