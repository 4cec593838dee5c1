using System.Globalization;
using System.Text;
using System.Text.Json;
using SerKit.IO;

namespace SerKit.Attributes;

/// <summary>
/// How the emotional attributes differ between clusters: for each cluster the number of rated utterances in it and the mean ± sample
/// standard deviation of each attribute, plus per attribute η² = between-cluster sum of squares / total sum of squares (the share of the
/// attribute's variance that cluster membership explains: 0 = the clusters do not differ, 1 = each cluster is constant).
/// </summary>
public sealed class ClusterAttributeTable
{
    private ClusterAttributeTable(IReadOnlyList<string> attributes, IReadOnlyList<ClusterAttributeRow> rows, IReadOnlyList<double> etaSquared, int num, string? subset)
    {
        Attributes = attributes;
        Rows = rows;
        EtaSquared = etaSquared;
        Num = num;
        Subset = subset;
    }

    /// <summary>File names of the table in an output folder.</summary>
    public const string JsonFile = "cluster_attributes.json", MarkdownFile = "cluster_attributes.md", PlotFile = "cluster_attributes.png";

    /// <summary>The attributes, in column order.</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>One row per cluster, in cluster order (clusters without rated utterances included, with size 0).</summary>
    public IReadOnlyList<ClusterAttributeRow> Rows { get; }

    /// <summary>η² per attribute (NaN when the attribute is constant).</summary>
    public IReadOnlyList<double> EtaSquared { get; }

    /// <summary>Rated utterances in the table.</summary>
    public int Num { get; }

    /// <summary>Which utterances the table describes (e.g. <c>labelled training set</c>, <c>test</c>).</summary>
    public string? Subset { get; }

    /// <summary>The table of <paramref name="values"/> (rows = utterances, one value per attribute) in <paramref name="clusterCount"/> clusters given by <paramref name="clusters"/>.</summary>
    /// <exception cref="ArgumentException">Lengths disagree, no utterance, or a cluster index outside 0..k−1.</exception>
    public static ClusterAttributeTable Build(IReadOnlyList<string> attributes, int clusterCount, IReadOnlyList<double[]> values, IReadOnlyList<int> clusters, string? subset = null)
    {
        if (values.Count != clusters.Count) throw new ArgumentException($"{values.Count} rows of values but {clusters.Count} cluster indices");
        if (values.Count == 0) throw new ArgumentException("no rated utterance to describe");
        if (values.Any(v => v.Length != attributes.Count)) throw new ArgumentException($"every row needs {attributes.Count} values");
        if (clusters.Any(c => c < 0 || c >= clusterCount)) throw new ArgumentException($"cluster indices must be in 0..{clusterCount - 1}");
        int n = values.Count, a = attributes.Count;
        var grand = Enumerable.Range(0, a).Select(j => values.Average(v => v[j])).ToArray();
        var rows = new List<ClusterAttributeRow>();
        var between = new double[a];
        for (int k = 0; k < clusterCount; k++)
        {
            var members = Enumerable.Range(0, n).Where(i => clusters[i] == k).Select(i => values[i]).ToArray();
            var mean = new double[a];
            var std = new double[a];
            for (int j = 0; j < a; j++)
            {
                if (members.Length == 0) { mean[j] = std[j] = double.NaN; continue; }
                mean[j] = members.Average(v => v[j]);
                std[j] = members.Length < 2 ? double.NaN : Math.Sqrt(members.Sum(v => (v[j] - mean[j]) * (v[j] - mean[j])) / (members.Length - 1));
                between[j] += members.Length * (mean[j] - grand[j]) * (mean[j] - grand[j]);
            }
            rows.Add(new ClusterAttributeRow(k, members.Length, mean, std));
        }
        var eta = new double[a];
        for (int j = 0; j < a; j++)
        {
            double total = values.Sum(v => (v[j] - grand[j]) * (v[j] - grand[j]));
            eta[j] = total > 0 ? between[j] / total : double.NaN;
        }
        return new ClusterAttributeTable(attributes.ToArray(), rows, eta, n, subset);
    }

    /// <summary>A Markdown table: cluster, N, share, then "mean ± std" per attribute, and a last row with η².</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        if (Subset is { } s) sb.Append(Invariant($"Attributes per cluster ({s}, {Num} rated utterances; mean ± sample std; η² = share of variance explained by the clusters)\n\n"));
        sb.Append("| cluster | N | share |");
        foreach (var a in Attributes) sb.Append(' ').Append(a).Append(" |");
        sb.Append('\n').Append("|---:|---:|---:|");
        foreach (var _ in Attributes) sb.Append("---:|");
        sb.Append('\n');
        foreach (var r in Rows)
        {
            sb.Append(Invariant($"| {r.Cluster} | {r.Size} | {100.0 * r.Size / Num:0.0} % |"));
            for (int j = 0; j < Attributes.Count; j++)
                sb.Append(' ').Append(double.IsNaN(r.Mean[j]) ? "–" : double.IsNaN(r.Std[j]) ? Invariant($"{r.Mean[j]:0.00}") : Invariant($"{r.Mean[j]:0.00} ± {r.Std[j]:0.00}")).Append(" |");
            sb.Append('\n');
        }
        sb.Append(Invariant($"| η² | {Num} | |"));
        foreach (var e in EtaSquared) sb.Append(' ').Append(double.IsNaN(e) ? "–" : Invariant($"{e:0.000}")).Append(" |");
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the table as JSON (atomically): attributes, subset, num, eta_squared, and per cluster size, mean and std (null where undefined).</summary>
    public void WriteJson(string path) => AtomicFile.Write(path, stream =>
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", "serkit-cluster-attributes");
        w.WriteStartArray("attributes");
        foreach (var a in Attributes) w.WriteStringValue(a);
        w.WriteEndArray();
        if (Subset is { } s) w.WriteString("subset", s); else w.WriteNull("subset");
        w.WriteNumber("num", Num);
        WriteValues(w, "eta_squared", EtaSquared);
        w.WriteStartArray("clusters");
        foreach (var r in Rows)
        {
            w.WriteStartObject();
            w.WriteNumber("cluster", r.Cluster);
            w.WriteNumber("size", r.Size);
            WriteValues(w, "mean", r.Mean);
            WriteValues(w, "std", r.Std);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Reads a table written by <see cref="WriteJson"/>; throws <see cref="InvalidDataException"/> naming the file when it is malformed.</summary>
    public static ClusterAttributeTable ReadJson(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (!root.TryGetProperty("format", out var f) || f.GetString() != "serkit-cluster-attributes") throw new InvalidDataException($"{path}: not a cluster attribute table");
            var attributes = root.GetProperty("attributes").EnumerateArray().Select(e => e.GetString()!).ToArray();
            double[] Values(JsonElement o, string key) => attributes.Select(a => o.GetProperty(key).GetProperty(a) is var v && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN).ToArray();
            var rows = root.GetProperty("clusters").EnumerateArray()
                .Select(c => new ClusterAttributeRow(c.GetProperty("cluster").GetInt32(), c.GetProperty("size").GetInt32(), Values(c, "mean"), Values(c, "std"))).ToArray();
            var subset = root.TryGetProperty("subset", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return new ClusterAttributeTable(attributes, rows, Values(root, "eta_squared"), root.GetProperty("num").GetInt32(), subset);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: not a cluster attribute table ({e.Message})");
        }
    }

    private void WriteValues(Utf8JsonWriter w, string key, IReadOnlyList<double> values)
    {
        w.WriteStartObject(key);
        for (int j = 0; j < Attributes.Count; j++)
        {
            if (double.IsNaN(values[j])) w.WriteNull(Attributes[j]);
            else w.WriteNumber(Attributes[j], values[j]);
        }
        w.WriteEndObject();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
