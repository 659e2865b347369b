using ClvML.Data.Parquet;
namespace ClvML.Tests.Data.Parquet;
public sealed class ParquetProbeTests
{
    [Fact]
    public void Probe()
    {
        var folder = Path.GetDirectoryName(SharedData.File("parquet-testing", "binary.parquet"))!;
        using var w = new StreamWriter("/tmp/pqprobe/out.txt");
        foreach (var f in Directory.GetFiles(folder, "*.parquet").Order())
        {
            w.WriteLine("== " + Path.GetFileName(f));
            try
            {
                using var r = ParquetFileReader.Open(f);
                for (var g = 0; g < r.RowGroupCount; g++)
                {
                    var vals = r.ReadRowGroup(g, r.Schema.Columns);
                    foreach (var v in vals)
                    {
                        var shown = new List<string>();
                        for (var i = 0; i < Math.Min(v.Count, 12); i++) { try { shown.Add(v.Column.PhysicalType == PhysicalType.Int96 && !v.IsNull(i) ? Convert.ToHexString(v.GetBytes(i)) + "=" + v.GetEpochNanoseconds(i) : v.Describe(i)); } catch (Exception e) { shown.Add("ERR:" + e.Message); } }
                        w.WriteLine($"  g{g} {v.Column.Name} {v.Type.Kind} n={v.Count} nulls={(v.Nulls?.Count(x => x) ?? 0)}: {string.Join(" | ", shown)}");
                    }
                }
            }
            catch (Exception e) { w.WriteLine("  EXC " + e.GetType().Name + ": " + e.Message); }
        }
    }
}
