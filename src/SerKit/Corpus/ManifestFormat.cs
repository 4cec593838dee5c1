using System.Text.Json.Serialization;

namespace SerKit.Corpus;

/// <summary>The manifest file formats SerKit reads and writes (see docs/corpora.md); settings files name them as the CLI does.</summary>
public enum ManifestFormat
{
    /// <summary>Reading: from the extension and the header or first line. Writing: from the extension.</summary>
    [JsonStringEnumMemberName("auto")]
    Auto,

    /// <summary>CSV with a header <c>id,path,speaker,label[,duration]</c> and any extra columns.</summary>
    [JsonStringEnumMemberName("serkit-csv")]
    SerKitCsv,

    /// <summary>EmoBox JSONL: one object per line with <c>key, wav, length, emo, channel, …</c>.</summary>
    [JsonStringEnumMemberName("emobox-jsonl")]
    EmoBoxJsonl,

    /// <summary>SpeechBrain CSV: <c>ID,duration,wav,spk_id,emo,…</c> with <c>$data_root</c>-style placeholders.</summary>
    [JsonStringEnumMemberName("speechbrain-csv")]
    SpeechBrainCsv,

    /// <summary>SpeechBrain JSON: an object keyed by utterance id, each with <c>wav, length, emo, …</c>.</summary>
    [JsonStringEnumMemberName("speechbrain-json")]
    SpeechBrainJson,
}
