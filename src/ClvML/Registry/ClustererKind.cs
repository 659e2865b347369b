using ClvML.Clustering;
using ClvML.Models;

namespace ClvML.Registry;

/// <summary>
/// One k-means engine (<c>segmentation.engine</c>): the clusterer for given options, the saved file and how to
/// load it back. Registered once, in <see cref="ModelRegistry.Clusterers"/>.
/// </summary>
/// <param name="Engine">Config name (<c>segmentation.engine</c>).</param>
/// <param name="Kind">The fitted models' kind: the manifest's file kind.</param>
/// <param name="DisplayName">How the report names it.</param>
/// <param name="FormatVersion">Newest format version of its model file that this ClvML writes and reads.</param>
/// <param name="FileName">Its model file inside <c>segments/</c>.</param>
/// <param name="Create">The clusterer with the given k-means options.</param>
/// <param name="Load">Reads a model file written by <see cref="IClusteringModel.Save"/>.</param>
public sealed record ClustererKind(string Engine, string Kind, string DisplayName, int FormatVersion, string FileName,
    Func<KMeansOptions, IClusterer> Create, Func<string, IClusteringModel> Load);
