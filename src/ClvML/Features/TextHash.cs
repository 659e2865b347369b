using System.Numerics;
using System.Runtime.InteropServices;

namespace ClvML.Features;

/// <summary>
/// A fast, well-mixed, deterministic 64-bit hash of bytes for ids: eight bytes per multiply-rotate
/// step (so a ten-byte order id costs two steps, not ten as byte-wise FNV-1a did), then murmur3's
/// 64-bit finaliser (Appleby, MurmurHash3, fmix64) so every input bit reaches every output bit.
/// </summary>
internal static class TextHash
{
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            h = BitOperations.RotateLeft(h ^ (MemoryMarshal.Read<ulong>(bytes) * 0xC2B2AE3D27D4EB4FUL), 31) * 0x9E3779B97F4A7C15UL;
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++) tail |= (ulong)bytes[i] << (8 * i);
        h ^= tail * 0xC2B2AE3D27D4EB4FUL;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
