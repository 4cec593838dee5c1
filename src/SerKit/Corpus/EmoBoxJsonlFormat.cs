using System.Text;
using System.Text.Json;
using SerKit.IO;

namespace SerKit.Corpus;

/// <summary>
/// EmoBox's JSONL metadata: one object per line with <c>key</c> (id), <c>wav</c> (path),
/// <c>length</c> (seconds), <c>emo</c> (label), <c>channel</c>, <c>type</c> and optional
/// fields such as <c>dataset</c>, <c>sample_rate</c>, <c>num_frame</c>, <c>task</c>.
/// EmoBox has no speaker field; SerKit writes and reads the speaker as <c>spk</c> (the name
/// EmoBox's preparation scripts use). EmoBox's loader needs <c>type</c> and <c>channel</c>, so
/// they are written as "raw" and 1 when the utterance has no such extra field, and those two
/// default values are not kept as extras when read.
/// </summary>
internal static class EmoBoxJsonlFormat
{
    internal static readonly string[] OwnFields = { "key", "wav", "length", "emo", "spk" };
    private static readonly HashSet<string> Own = new(OwnFields, StringComparer.Ordinal);

    internal static void Read(string path, ManifestBuilder builder)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var location = $"line {lineNumber}";
            using var doc = JsonFields.Parse(line, path, location);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object)
                throw new ManifestException(path, location, $"a JSON {o.ValueKind.ToString().ToLowerInvariant()} where an object was expected");
            builder.Add(new Utterance(
                JsonFields.RequiredString(o, "key", path, location),
                JsonFields.RequiredString(o, "wav", path, location),
                JsonFields.OptionalText(o, "spk", path, location),
                JsonFields.OptionalText(o, "emo", path, location))
            {
                Duration = JsonFields.OptionalSeconds(o, "length", path, location),
                Extra = JsonFields.Extras(o, Own, path, location, IsWrittenDefault),
            }, location);
        }
    }

    internal static void Write(string path, Manifest manifest)
    {
        ManifestText.ExtraNames(manifest, path, OwnFields);
        AtomicFile.Write(path, stream =>
        {
            foreach (var u in manifest.Items)
            {
                using (var w = new Utf8JsonWriter(stream, JsonFields.WriteOptions(indented: false)))
                {
                    w.WriteStartObject();
                    w.WriteString("key", u.Id);
                    w.WriteString("wav", u.Path);
                    if (!u.Extra.ContainsKey("type")) w.WriteString("type", "raw");
                    if (u.Duration is { } d) w.WriteNumber("length", d);
                    if (u.Label is not null) w.WriteString("emo", u.Label);
                    if (!u.Extra.ContainsKey("channel")) w.WriteNumber("channel", 1);
                    if (u.Speaker is not null) w.WriteString("spk", u.Speaker);
                    foreach (var (k, v) in u.Extra) JsonFields.WriteExtra(w, k, v);
                    w.WriteEndObject();
                }
                stream.WriteByte((byte)'\n');
            }
        });
    }

    private static bool IsWrittenDefault(string name, JsonElement value) =>
        (name == "type" && value.ValueKind == JsonValueKind.String && value.GetString() == "raw")
        || (name == "channel" && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var c) && c == 1);
}
