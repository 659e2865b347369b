using System.Buffers.Binary;
using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// Truncated, mis-framed and mutated copies of the parquet-testing files: each gives a
/// <see cref="ParquetFormatException"/> that names the file and the problem, never another exception.
/// </summary>
public sealed class ParquetFooterCorruptionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clvml-parquet-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Original(string file) => File.ReadAllBytes(SharedData.File("parquet-testing", file));

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static ParquetFormatException Refused(string path)
    {
        var error = Assert.Throws<ParquetFormatException>(() => ParquetFooter.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Equal(path, error.FileName);
        return error;
    }

    [Theory]
    [InlineData("alltypes_plain.parquet")]
    [InlineData("int32_with_null_pages.parquet")]
    [InlineData("sort_columns.parquet")]
    public void Truncated_copies_are_refused_naming_the_file(string file)
    {
        var bytes = Original(file);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var footerStart = bytes.Length - 8 - footerLength;
        int[] cuts = [0, 3, 11, bytes.Length / 2, footerStart, footerStart + 1, footerStart + footerLength / 2, bytes.Length - 8, bytes.Length - 5, bytes.Length - 1];
        foreach (var cut in cuts)
        {
            var error = Refused(Write($"cut{cut}.parquet", bytes[..cut]));
            Assert.True(error.Problem.Contains("too short") || error.Problem.Contains("bad magic at end"), $"cut at {cut}: {error.Message}");
        }
    }

    [Fact]
    public void A_footer_cut_short_inside_its_framing_reports_the_truncation_offset()
    {
        var bytes = Original("alltypes_plain.parquet");
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var footer = bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength / 2).ToArray();
        byte[] framed = [.. "PAR1"u8, .. footer, .. BitConverter.GetBytes(footer.Length), .. "PAR1"u8];
        var error = Refused(Write("half-footer.parquet", framed));
        Assert.StartsWith("truncated", error.Problem);
        Assert.InRange(error.Offset!.Value, 4, 4 + footer.Length);
        Assert.StartsWith($"{error.FileName}: byte {error.Offset}: truncated", error.Message);
    }

    [Fact]
    public void Bad_leading_magic_is_refused()
    {
        var bytes = Original("binary.parquet");
        bytes[3] = (byte)'2';
        var error = Refused(Write("bad-head.parquet", bytes));
        Assert.Equal("bad magic at start of file: expected PAR1, found \"PAR2\"", error.Problem);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void Bad_trailing_magic_is_refused()
    {
        var bytes = Original("binary.parquet");
        bytes[^1] = 0;
        var error = Refused(Write("bad-tail.parquet", bytes));
        Assert.StartsWith("bad magic at end of file: expected PAR1, found 0x50415200", error.Problem);
    }

    [Fact]
    public void An_encrypted_footer_is_unsupported()
    {
        var bytes = Original("binary.parquet");
        "PARE"u8.CopyTo(bytes.AsSpan(bytes.Length - 4));
        "PARE"u8.CopyTo(bytes);
        var error = Refused(Write("encrypted.parquet", bytes));
        Assert.StartsWith("unsupported: encrypted footer", error.Problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(467)] // one more than fits in binary.parquet (478 bytes less 12 bytes of framing)
    public void A_footer_length_out_of_range_is_refused(int footerLength)
    {
        var bytes = Original("binary.parquet");
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), footerLength);
        var error = Refused(Write("bad-length.parquet", bytes));
        Assert.StartsWith($"footer length {footerLength} out of range (the file is 478 bytes", error.Problem);
    }

    [Fact]
    public void A_missing_file_is_an_input_error_naming_it()
    {
        var path = Path.Combine(_folder, "missing.parquet");
        var error = Assert.Throws<InputException>(() => ParquetFooter.Read(path));
        Assert.StartsWith($"{path}: file not found", error.Message);
    }

    [Fact]
    public void Not_a_parquet_file_is_refused()
    {
        var error = Refused(Write("text.parquet", "customer_id,date,amount\n1,2024-01-01,9.99\n"u8.ToArray()));
        Assert.Contains("bad magic", error.Problem);
    }

    /// <summary>
    /// Seeded bit flips, byte overwrites and length-field corruptions of each file's footer: every
    /// mutant either decodes or is refused with a ParquetFormatException. (The 100,000-mutation
    /// run belongs with the page reader; this bounds the footer layer.)
    /// </summary>
    [Fact]
    public void Mutated_footers_decode_or_are_refused()
    {
        var folder = Path.GetDirectoryName(SharedData.File("parquet-testing", "binary.parquet"))!;
        var random = new Random(20261130);
        var refused = 0;
        var decoded = 0;
        foreach (var file in Directory.GetFiles(folder, "*.parquet").Order(StringComparer.Ordinal))
        {
            var original = File.ReadAllBytes(file);
            var footerLength = BinaryPrimitives.ReadInt32LittleEndian(original.AsSpan(original.Length - 8));
            var footerStart = original.Length - 8 - footerLength;
            for (var i = 0; i < 300; i++)
            {
                var bytes = (byte[])original.Clone();
                var flips = 1 + random.Next(4);
                for (var f = 0; f < flips; f++)
                {
                    var at = footerStart + random.Next(footerLength);
                    if (random.Next(3) == 0) bytes[at] = (byte)random.Next(256);
                    else bytes[at] ^= (byte)(1 << random.Next(8));
                }
                using var stream = new MemoryStream(bytes, writable: false);
                try
                {
                    ParquetFooter.Read(stream, "mutant");
                    decoded++;
                }
                catch (ParquetFormatException error)
                {
                    Assert.StartsWith("mutant: ", error.Message);
                    refused++;
                }
            }
        }
        Assert.True(refused > 0 && decoded > 0, $"refused {refused}, decoded {decoded}");
    }
}
