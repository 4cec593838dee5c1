using SerKit.Corpus;

namespace SerKit.Cli.Commands;

/// <summary>The command-line names of <see cref="ManifestFormat"/> values.</summary>
internal static class ManifestFormatNames
{
    internal static readonly string[] All = { "auto", "serkit-csv", "emobox-jsonl", "speechbrain-csv", "speechbrain-json" };

    internal const string Help = "auto (from the extension and header), serkit-csv, emobox-jsonl, speechbrain-csv or speechbrain-json";

    internal static ManifestFormat Parse(string? name) => name switch
    {
        null or "auto" => ManifestFormat.Auto,
        "serkit-csv" => ManifestFormat.SerKitCsv,
        "emobox-jsonl" => ManifestFormat.EmoBoxJsonl,
        "speechbrain-csv" => ManifestFormat.SpeechBrainCsv,
        "speechbrain-json" => ManifestFormat.SpeechBrainJson,
        _ => throw new ArgumentException($"unknown manifest format '{name}'; use {Help}"),
    };
}
