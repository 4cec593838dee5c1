namespace SerKit.Corpus;

/// <summary>
/// A folder of media files read as a corpus: files are found recursively (hidden files and
/// folders, whose names start with '.', are skipped), sorted by relative path (ordinal), and
/// get ids from their relative paths without extension (with the extension when two files
/// differ only in it). Labels and speakers come from an optional CSV
/// <c>path_or_id,label[,speaker]</c>; a file the CSV gives no speaker is its own speaker (speaker =
/// its id), or with <see cref="FolderCorpusOptions.SpeakerFromFolder"/> takes its first folder.
/// </summary>
public static class FolderCorpus
{
    /// <summary>The default media extensions: audio and video containers FFmpeg reads.</summary>
    public static readonly IReadOnlySet<string> MediaExtensions = new HashSet<string>(StringComparer.Ordinal)
    {
        ".wav", ".flac", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".wma", ".aif", ".aiff", ".au", ".amr",
        ".mp4", ".m4v", ".mov", ".mkv", ".avi", ".flv", ".webm", ".mpg", ".mpeg", ".3gp", ".wmv", ".ts",
    };

    /// <summary>Column names accepted for the first column of a label CSV with a header.</summary>
    public static readonly IReadOnlyList<string> KeyColumns = new[] { "path_or_id", "path", "id", "file" };

    /// <summary>Scans <paramref name="folder"/>; the manifest root is the folder.</summary>
    public static Manifest Scan(string folder, string? labelCsv = null) => Scan(folder, labelCsv, null);

    /// <summary>
    /// Scans <paramref name="folder"/>. The label CSV's rows name a file by its id or by its path
    /// relative to the folder; it may have a header (first column path_or_id, path, id or file;
    /// columns label and optionally speaker) or none (columns by position: key, label, speaker).
    /// Every row must name a scanned file, once. Files without a row have no label.
    /// </summary>
    public static Manifest Scan(string folder, string? labelCsv, FolderCorpusOptions? options)
    {
        options ??= new FolderCorpusOptions();
        var root = ManifestPaths.NormalizeRoot(folder);
        if (!Directory.Exists(root)) throw new ManifestException(root, null, "no such folder");
        var extensions = options.Extensions ?? MediaExtensions;

        var relative = new List<string>();
        Collect(root, "", extensions, relative, new HashSet<string>(StringComparer.Ordinal) { RealPath(new DirectoryInfo(root)) });
        relative.Sort(StringComparer.Ordinal);

        var stems = relative.GroupBy(StemOf, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var ids = relative.Select(r => stems.Contains(StemOf(r)) ? r : StemOf(r)).ToArray();

        var labels = labelCsv is null ? null : ReadLabels(labelCsv, root, relative, ids);
        var builder = new ManifestBuilder(root, root);
        for (int i = 0; i < relative.Count; i++)
        {
            var rel = relative[i];
            (string Label, string? Speaker) row = default;
            bool labelled = labels is not null && labels.TryGetValue(i, out row);
            var speaker = labelled && row.Speaker is not null ? row.Speaker
                : !options.SpeakerFromFolder ? ids[i]
                : rel.Contains('/') ? rel[..rel.IndexOf('/')] : null;
            builder.Add(new Utterance(ids[i], rel, speaker, labelled ? row.Label : null)
            {
                Duration = options.ReadDurations && rel.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)
                    ? Media.WavFile.Duration(ManifestPaths.Full(root, rel)) : null,
            }, rel);
        }
        return builder.Build();
    }

    private static string StemOf(string relative)
    {
        var slash = relative.LastIndexOf('/');
        var dot = relative.LastIndexOf('.');
        return dot > slash + 1 ? relative[..dot] : relative;
    }

    private static void Collect(string folder, string prefix, IReadOnlySet<string> extensions, List<string> into, HashSet<string> visited)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.Name.StartsWith('.')) continue;
            if (entry is DirectoryInfo dir)
            {
                // A folder reached twice through links is scanned once (the first in ordinal order); no loops.
                if (visited.Add(RealPath(dir))) Collect(dir.FullName, prefix + entry.Name + "/", extensions, into, visited);
            }
            else if (extensions.Contains(Path.GetExtension(entry.Name).ToLowerInvariant())) into.Add(prefix + entry.Name);
        }
    }

    private static string RealPath(DirectoryInfo dir) =>
        dir.LinkTarget is null ? dir.FullName : dir.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir.FullName;

    private static Dictionary<int, (string Label, string? Speaker)> ReadLabels(string path, string root, IReadOnlyList<string> relative, IReadOnlyList<string> ids)
    {
        if (!File.Exists(path)) throw new ManifestException(path, null, "no such file");
        var header = CsvTable.ReadHeader(path);
        bool hasHeader = header.Length > 0 && KeyColumns.Contains(header[0]);
        var table = CsvTable.Read(path, hasHeader);
        int key = 0, label = 1;
        int? speaker = 2;
        if (hasHeader)
        {
            table.Require("label");
            label = table.Column("label")!.Value;
            speaker = table.Column("speaker");
        }
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var byPath = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Count; i++)
        {
            byId[ids[i]] = i;
            byPath[relative[i]] = i;
        }
        var result = new Dictionary<int, (string, string?)>();
        var lines = new Dictionary<int, int>();
        foreach (var (line, f) in table.Rows)
        {
            var location = $"line {line}";
            if (f.Length < 2)
                throw new ManifestException(path, location, "needs at least two columns: path_or_id,label[,speaker]");
            var k = f[key];
            if (!byId.TryGetValue(k, out var index)
                && !(ManifestPaths.TryMakeRelative(root, k, out var rel, out _) && byPath.TryGetValue(rel, out index)))
                throw new ManifestException(path, location, $"'{k}' is neither the id nor the path (relative to {root}) of a media file in the folder");
            if (lines.TryGetValue(index, out var first))
                throw new ManifestException(path, location, $"'{relative[index]}' is labelled twice (first at line {first})");
            lines[index] = line;
            if (f[label].Length == 0) throw new ManifestException(path, location, "empty label");
            var s = speaker is { } sc && sc < f.Length ? ManifestText.NullIfEmpty(f[sc]) : null;
            result[index] = (f[label], s);
        }
        return result;
    }
}
