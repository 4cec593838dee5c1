namespace SerKit.Corpus;

/// <summary>
/// SerKit's CSV manifest: header <c>id,path,speaker,label[,duration]</c> then extra columns.
/// Empty cells are absent values (no speaker, no label, unknown duration, no extra value).
/// </summary>
internal static class SerKitCsvFormat
{
    internal static readonly string[] OwnColumns = { "id", "path", "speaker", "label", "duration" };

    internal static void Read(string path, ManifestBuilder builder)
    {
        var table = CsvTable.Read(path);
        table.Require("id", "path");
        int id = table.Column("id")!.Value, file = table.Column("path")!.Value;
        int? speaker = table.Column("speaker"), label = table.Column("label"), duration = table.Column("duration");
        var own = new HashSet<int> { id, file };
        foreach (var c in new[] { speaker, label, duration }) if (c is { } i) own.Add(i);
        foreach (var (line, f) in table.Rows)
        {
            var location = $"line {line}";
            builder.Add(new Utterance(f[id], f[file],
                speaker is { } s ? ManifestText.NullIfEmpty(f[s]) : null,
                label is { } l ? ManifestText.NullIfEmpty(f[l]) : null)
            {
                Duration = duration is { } d ? ManifestText.ParseDuration(f[d], path, location, "duration") : null,
                Extra = ManifestText.Extras(table.Header, f, own),
            }, location);
        }
    }

    internal static void Write(string path, Manifest manifest)
    {
        var extras = ManifestText.ExtraNames(manifest, path, OwnColumns);
        bool durations = manifest.Items.Any(u => u.Duration is not null);
        var header = new List<string> { "id", "path", "speaker", "label" };
        if (durations) header.Add("duration");
        header.AddRange(extras);
        CsvTable.Write(path, header, manifest.Items.Select(u =>
        {
            var row = new List<string>(header.Count) { u.Id, u.Path, u.Speaker ?? "", u.Label ?? "" };
            if (durations) row.Add(u.Duration is { } d ? ManifestText.Number(d) : "");
            foreach (var e in extras) row.Add(u.Extra.TryGetValue(e, out var v) ? v : "");
            return (IReadOnlyList<string>)row;
        }));
    }
}
