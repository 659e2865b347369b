namespace ClvML.Numerics;

/// <summary>
/// A small deterministic, splittable pseudo-random generator: SplitMix64 (Steele, Lea &amp; Flood 2014,
/// "Fast splittable pseudorandom number generators", OOPSLA). <see cref="Split"/> derives an
/// independent stream from a key, so parallel or repeated work (restarts, one fit per k) draws from
/// its own stream and results depend only on the seed, never on scheduling or thread count.
/// <see cref="System.Random"/> is not used because its algorithm is not guaranteed across .NET versions.
/// </summary>
public sealed class RandomStreams
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Starts a stream from a seed.</summary>
    public RandomStreams(long seed) => _state = Mix((ulong)seed);

    private RandomStreams(ulong state, bool _) => _state = state;

    /// <summary>An independent stream for <paramref name="key"/>; this stream is not advanced.</summary>
    public RandomStreams Split(long key) => new(Mix(_state ^ Mix((ulong)key + Golden)), true);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) (Lemire's multiply-shift, unbiased).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var range = (ulong)maxExclusive;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), range, out var low);
            // Rejecting the few low words below 2^64 mod range removes the bias of a plain multiply-shift.
            if (low >= (0UL - range) % range) return (int)product;
        }
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
