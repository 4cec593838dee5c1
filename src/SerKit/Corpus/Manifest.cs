namespace SerKit.Corpus;

/// <summary>
/// A list of utterances whose paths are relative to one root folder. Ids are unique and no
/// path leaves the root (checked on construction and on load). Read and written in the
/// formats of <see cref="ManifestFormat"/>; files are written atomically.
/// </summary>
public sealed class Manifest
{
    /// <summary>
    /// Makes a manifest from utterances whose paths are relative to <paramref name="root"/>
    /// (or absolute inside it). Throws <see cref="ManifestException"/> on empty or duplicate
    /// ids and on paths outside the root.
    /// </summary>
    public Manifest(string root, IEnumerable<Utterance> items)
    {
        var builder = new ManifestBuilder(root, "manifest in memory");
        int n = 0;
        foreach (var u in items)
        {
            n++;
            builder.Add(u, $"item {n} (id {u.Id})");
        }
        Root = builder.Root;
        Items = builder.Build().Items;
    }

    internal Manifest(string root, IReadOnlyList<Utterance> items, string? source, bool validated)
    {
        _ = validated;
        Root = root;
        Items = items;
        Source = source;
    }

    /// <summary>The absolute folder that utterance paths are relative to.</summary>
    public string Root { get; }

    /// <summary>The utterances, in file order.</summary>
    public IReadOnlyList<Utterance> Items { get; }

    /// <summary>The file this manifest was loaded from, when it was loaded from one.</summary>
    public string? Source { get; }

    /// <summary>The absolute path of an utterance's media file.</summary>
    public string FullPath(Utterance u) => ManifestPaths.Full(Root, u.Path);

    /// <summary>The distinct speakers (ordinal order); utterances without a speaker are not counted.</summary>
    public IReadOnlyList<string> Speakers =>
        Items.Where(u => u.Speaker is not null).Select(u => u.Speaker!).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();

    /// <summary>The distinct labels (ordinal order); unlabelled utterances are not counted.</summary>
    public IReadOnlyList<string> Labels =>
        Items.Where(u => u.Label is not null).Select(u => u.Label!).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();

    /// <summary>The utterances that satisfy <paramref name="keep"/>, same root, same order.</summary>
    public Manifest Where(Func<Utterance, bool> keep) => new(Root, Items.Where(keep).ToArray(), Source, validated: true);

    /// <summary>
    /// Reads a manifest. <paramref name="root"/> defaults to the manifest's folder; paths in the
    /// file are relative to it (absolute paths must lie inside it). The format is detected from
    /// the extension and the header or first line unless given.
    /// </summary>
    public static Manifest Load(string path, ManifestFormat format = ManifestFormat.Auto, string? root = null)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ManifestException(path, null, "no such file");
        if (format == ManifestFormat.Auto) format = DetectFormat(full);
        var builder = new ManifestBuilder(root ?? Path.GetDirectoryName(full)!, full);
        switch (format)
        {
            case ManifestFormat.SerKitCsv: SerKitCsvFormat.Read(full, builder); break;
            case ManifestFormat.EmoBoxJsonl: EmoBoxJsonlFormat.Read(full, builder); break;
            case ManifestFormat.SpeechBrainCsv: SpeechBrainCsvFormat.Read(full, builder); break;
            case ManifestFormat.SpeechBrainJson: SpeechBrainJsonFormat.Read(full, builder); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "unknown manifest format");
        }
        return builder.Build();
    }

    /// <summary>
    /// Writes the manifest atomically. Paths are written relative to <see cref="Root"/>, so a
    /// manifest saved outside its root must be loaded with that root given.
    /// <see cref="ManifestFormat.Auto"/> picks the format from the extension
    /// (.csv SerKit CSV, .jsonl EmoBox, .json SpeechBrain JSON).
    /// </summary>
    public void Save(string path, ManifestFormat format = ManifestFormat.Auto)
    {
        if (format == ManifestFormat.Auto) format = FormatFromExtension(path)
            ?? throw new ManifestException(path, null, "cannot tell the manifest format from the extension; give it explicitly (.csv, .jsonl or .json)");
        switch (format)
        {
            case ManifestFormat.SerKitCsv: SerKitCsvFormat.Write(path, this); break;
            case ManifestFormat.EmoBoxJsonl: EmoBoxJsonlFormat.Write(path, this); break;
            case ManifestFormat.SpeechBrainCsv: SpeechBrainCsvFormat.Write(path, this); break;
            case ManifestFormat.SpeechBrainJson: SpeechBrainJsonFormat.Write(path, this); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "unknown manifest format");
        }
    }

    /// <summary>
    /// The format of a manifest file: .jsonl is EmoBox JSONL, .json SpeechBrain JSON, .csv is
    /// SerKit CSV when the header has <c>id</c> or <c>path</c> and SpeechBrain CSV when it has
    /// <c>ID</c> or <c>wav</c>; other extensions are decided by the first line (an object with
    /// <c>key</c> is EmoBox JSONL, other JSON is SpeechBrain JSON, anything else a CSV header).
    /// </summary>
    public static ManifestFormat DetectFormat(string path) => ManifestFormatDetector.Detect(path);

    /// <summary>The format implied by a file extension, or null when the extension says nothing.</summary>
    public static ManifestFormat? FormatFromExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ManifestFormat.SerKitCsv,
            ".jsonl" => ManifestFormat.EmoBoxJsonl,
            ".json" => ManifestFormat.SpeechBrainJson,
            _ => null,
        };
}
