// Usage: ClvML.MLNetConsumer MODEL.zip FEATURES.csv OUTPUT.csv
// Loads an ML.NET model saved by ClvML, reads the model's input columns (named double columns) from a feature table
// with a header row, and writes customer_id,score: the model's "Score" column, the clamped prediction.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ClvML.MLNetConsumer MODEL.zip FEATURES.csv OUTPUT.csv");
    return 2;
}
var (modelPath, featuresPath, outputPath) = (args[0], args[1], args[2]);
var ml = new MLContext();
var model = ml.Model.Load(modelPath, out var inputSchema);

var header = File.ReadLines(featuresPath).First().Split(',');
int IndexOf(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i
    : throw new InvalidOperationException($"{featuresPath} has no column '{name}', which the model reads.");
var columns = new List<TextLoader.Column> { new("customer_id", DataKind.String, IndexOf("customer_id")) };
foreach (var column in inputSchema) columns.Add(new TextLoader.Column(column.Name, DataKind.Double, IndexOf(column.Name)));
var data = ml.Data.CreateTextLoader(columns.ToArray(), separatorChar: ',', hasHeader: true, allowQuoting: true).Load(featuresPath);

var scored = model.Transform(data);
var ids = scored.GetColumn<ReadOnlyMemory<char>>("customer_id").Select(id => id.ToString()).ToArray();
var scores = scored.GetColumn<float>("Score").ToArray();
using var output = new StreamWriter(outputPath);
output.Write("customer_id,score\n");
for (var i = 0; i < ids.Length; i++) output.Write($"{ids[i]},{((double)scores[i]).ToString("R", CultureInfo.InvariantCulture)}\n");
Console.WriteLine($"{ids.Length} customers scored with {modelPath}");
return 0;
