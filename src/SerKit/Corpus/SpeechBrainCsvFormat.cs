namespace SerKit.Corpus;

/// <summary>
/// SpeechBrain's CSV data manifest: <c>ID,duration,wav,spk_id,emo,…</c>, values may have
/// leading spaces (SpeechBrain reads with <c>skipinitialspace</c>), the wav path may start
/// with a <c>$data_root</c>-style placeholder. Other columns (e.g. <c>wav_format</c>,
/// <c>wav_opts</c>) are kept as extras.
/// </summary>
internal static class SpeechBrainCsvFormat
{
    internal static readonly string[] OwnColumns = { "ID", "duration", "wav", "spk_id", "emo" };

    internal static void Read(string path, ManifestBuilder builder)
    {
        var table = CsvTable.Read(path);
        table.Require("ID", "wav");
        int id = table.Column("ID")!.Value, wav = table.Column("wav")!.Value;
        int? duration = table.Column("duration"), speaker = table.Column("spk_id"), emo = table.Column("emo");
        var own = new HashSet<int> { id, wav };
        foreach (var c in new[] { duration, speaker, emo }) if (c is { } i) own.Add(i);
        foreach (var (line, f) in table.Rows)
        {
            var location = $"line {line}";
            builder.Add(new Utterance(f[id], SpeechBrainPaths.FromCsv(f[wav], path, location),
                speaker is { } s ? ManifestText.NullIfEmpty(f[s]) : null,
                emo is { } e ? ManifestText.NullIfEmpty(f[e]) : null)
            {
                Duration = duration is { } d ? ManifestText.ParseDuration(f[d], path, location, "duration") : null,
                Extra = ManifestText.Extras(table.Header, f, own),
            }, location);
        }
    }

    internal static void Write(string path, Manifest manifest)
    {
        var extras = ManifestText.ExtraNames(manifest, path, OwnColumns);
        var header = new List<string>(OwnColumns);
        header.AddRange(extras);
        CsvTable.Write(path, header, manifest.Items.Select(u =>
        {
            var row = new List<string>(header.Count)
            {
                u.Id,
                u.Duration is { } d ? ManifestText.Number(d) : "",
                SpeechBrainPaths.ToCsv(u.Path, path, u.Id),
                u.Speaker ?? "",
                u.Label ?? "",
            };
            foreach (var e in extras) row.Add(u.Extra.TryGetValue(e, out var v) ? v : "");
            return (IReadOnlyList<string>)row;
        }));
    }
}
