using System.Text.Json;
using SerKit.IO;

namespace SerKit.Corpus;

/// <summary>
/// SpeechBrain's JSON data manifest (as written by its IEMOCAP recipe): an object keyed by
/// utterance id whose values hold <c>wav</c> (path, may start with <c>{data_root}</c>),
/// <c>length</c> (seconds), <c>emo</c> (label) and optionally <c>spk_id</c>; other fields are
/// extras. EmoBox's per-corpus .json files have the same shape and are read the same way.
/// </summary>
internal static class SpeechBrainJsonFormat
{
    internal static readonly string[] OwnFields = { "wav", "length", "emo", "spk_id" };
    private static readonly HashSet<string> Own = new(OwnFields, StringComparer.Ordinal);

    internal static void Read(string path, ManifestBuilder builder)
    {
        using var doc = JsonFields.Parse(File.ReadAllText(path), path, null);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new ManifestException(path, null, $"a JSON {root.ValueKind.ToString().ToLowerInvariant()} where an object keyed by utterance id was expected");
        foreach (var p in root.EnumerateObject())
        {
            var location = $"id {p.Name}";
            var o = p.Value;
            if (o.ValueKind != JsonValueKind.Object)
                throw new ManifestException(path, location, $"a JSON {o.ValueKind.ToString().ToLowerInvariant()} where an object was expected");
            var wav = JsonFields.RequiredString(o, "wav", path, location);
            builder.Add(new Utterance(p.Name, SpeechBrainPaths.FromJson(wav, path, location),
                JsonFields.OptionalText(o, "spk_id", path, location),
                JsonFields.OptionalText(o, "emo", path, location))
            {
                Duration = JsonFields.OptionalSeconds(o, "length", path, location),
                Extra = JsonFields.Extras(o, Own, path, location),
            }, location);
        }
    }

    internal static void Write(string path, Manifest manifest)
    {
        ManifestText.ExtraNames(manifest, path, OwnFields);
        AtomicFile.Write(path, stream =>
        {
            using (var w = new Utf8JsonWriter(stream, JsonFields.WriteOptions(indented: true)))
            {
                w.WriteStartObject();
                foreach (var u in manifest.Items)
                {
                    w.WriteStartObject(u.Id);
                    w.WriteString("wav", SpeechBrainPaths.ToJson(u.Path));
                    if (u.Duration is { } d) w.WriteNumber("length", d);
                    if (u.Label is not null) w.WriteString("emo", u.Label);
                    if (u.Speaker is not null) w.WriteString("spk_id", u.Speaker);
                    foreach (var (k, v) in u.Extra) JsonFields.WriteExtra(w, k, v);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        });
    }
}
