using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using ClvML.Data;
using ClvML.Tests.Cli;
using ClvML.Tests.Data.Csv;

namespace ClvML.Tests.Data;

/// <summary>
/// A .gz is read whole or refused: every truncation point, a damaged CRC-32 or length, and bytes
/// after the last member are input errors naming the file and how far it was read, while
/// concatenated members and every optional header field (RFC 1952 section 2.3) still read.
/// </summary>
public sealed class VerifiedGzipStreamTests
{
    private static readonly byte[] Text = Encoding.ASCII.GetBytes(string.Concat(
        Enumerable.Range(0, 400).Select(i => $"c{i % 37},2024-01-{1 + i % 28:00},{i % 90}.{i % 100:00}\n")));

    private static byte[] Gzip(byte[] data, CompressionLevel level = CompressionLevel.Optimal) => TransactionFileFuzzer.GzipMember(data, level);

    private static byte[] Decompress(byte[] gz, int readSize = 4096)
    {
        using var stream = new VerifiedGzipStream(new MemoryStream(gz), "tx.csv.gz", gz.Length);
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = stream.Read(buffer)) > 0) output.Write(buffer, 0, n);
        return output.ToArray();
    }

    private static string Refusal(byte[] gz) => Assert.Throws<InputException>(() => Decompress(gz)).Message;

    [Fact]
    public void A_whole_file_reads_as_written_at_any_read_size()
    {
        var gz = Gzip(Text);
        Assert.Equal(Text, Decompress(gz));
        Assert.Equal(Text, Decompress(gz, readSize: 1));
        Assert.Equal(Text, Decompress(Gzip(Text, CompressionLevel.NoCompression)));
    }

    [Fact]
    public void Concatenated_members_read_as_their_concatenation()
    {
        var second = Encoding.ASCII.GetBytes("c9,2024-02-01,1.00\n");
        var gz = Gzip(Text).Concat(Gzip([])).Concat(Gzip(second)).Concat(Gzip(Text, CompressionLevel.NoCompression)).ToArray();
        Assert.Equal(Text.Concat(second).Concat(Text).ToArray(), Decompress(gz));
    }

    /// <summary>The member of <see cref="Gzip"/> with FEXTRA, FNAME, FCOMMENT and FHCRC added to its header.</summary>
    private static byte[] WithEveryHeaderField(byte[] gz)
    {
        var header = new List<byte>(gz[..10]);
        header[3] = 0x02 | 0x04 | 0x08 | 0x10;
        header.AddRange([5, 0, (byte)'A', (byte)'B', 1, 0, 7]);
        header.AddRange(Encoding.ASCII.GetBytes("tx.csv\0"));
        header.AddRange(Encoding.ASCII.GetBytes("a comment\0"));
        var crc = (ushort)Crc32.HashToUInt32([.. header]);
        header.AddRange([(byte)crc, (byte)(crc >> 8)]);
        return [.. header, .. gz[10..]];
    }

    [Fact]
    public void Every_optional_header_field_is_read_past_and_the_header_crc_checked()
    {
        var gz = WithEveryHeaderField(Gzip(Text));
        Assert.Equal(Text, Decompress(gz));
        var damaged = (byte[])gz.Clone();
        damaged[18] ^= 0x20; // the x of the file name: only the header CRC can tell
        Assert.Contains("fails its CRC-16 check", Refusal(damaged));
    }

    [Fact]
    public void Every_truncation_point_is_refused_naming_the_file_and_how_far_it_was_read()
    {
        var gz = Gzip(Text).Concat(WithEveryHeaderField(Gzip(Text))).ToArray();
        for (var length = 1; length < gz.Length; length++)
        {
            var cut = gz[..length];
            // A cut exactly between the members leaves a whole first member: that is a whole gzip file.
            if (length == Gzip(Text).Length)
            {
                Assert.Equal(Text, Decompress(cut));
                continue;
            }
            var message = Refusal(cut);
            Assert.StartsWith("tx.csv.gz: not a valid gzip file: ", message);
            Assert.Contains($"of {length:N0} compressed bytes", message);
        }
    }

    [Fact]
    public void Half_a_file_says_where_it_ends_and_how_much_was_decompressed()
    {
        var gz = Gzip(Text);
        var message = Refusal(gz[..(gz.Length / 2)]);
        Assert.Contains("the file ends inside gzip member 1", message);
        Assert.Contains($"read {gz.Length / 2:N0} of {gz.Length / 2:N0} compressed bytes and ", message);
    }

    [Fact]
    public void A_damaged_crc_or_length_or_trailing_bytes_are_refused()
    {
        var gz = Gzip(Text);
        var crc = (byte[])gz.Clone();
        crc[^6] ^= 1;
        Assert.Contains("gzip member 1 fails its CRC-32 check", Refusal(crc));
        var length = (byte[])gz.Clone();
        length[^2] ^= 1;
        Assert.Contains("gzip member 1 fails its length check", Refusal(length));
        Assert.Contains("the 3 bytes from byte", Refusal([.. gz, 1, 2, 3]));
        Assert.Contains("the file ends inside the trailer of gzip member 1", Refusal(gz[..^3]));
        Assert.Contains("without a whole trailer", Refusal(gz[..^8]));
        var data = (byte[])gz.Clone();
        data[gz.Length / 2] ^= 0x10;
        Assert.StartsWith("tx.csv.gz: not a valid gzip file: ", Refusal(data));
    }

    [Fact]
    public void Features_from_a_cut_gz_exit_2_and_write_no_features()
    {
        using var run = new CliRun();
        var csv = "customer_id,date,amount\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"c{i % 300},2024-{1 + i % 12:00}-{1 + i % 28:00},{i % 50}.25\n"));
        var gz = Gzip(Encoding.ASCII.GetBytes(csv));
        run.WriteBytes("tx.csv.gz", gz[..(gz.Length / 2)]);
        Assert.Equal(2, run.Features("tx.csv.gz"));
        Assert.Contains("tx.csv.gz: not a valid gzip file: the file ends inside gzip member 1", run.Stderr);
        Assert.Contains($"read {gz.Length / 2:N0} of {gz.Length / 2:N0} compressed bytes", run.Stderr);
        Assert.False(File.Exists(run.Path_("features.csv")));

        run.WriteBytes("tx.csv.gz", gz);
        Assert.Equal(0, run.Features("tx.csv.gz"));
        Assert.Contains("rows read 5000 = accepted 5000 + rejected 0", run.Stdout);
    }
}
