namespace SerKit.Corpus;

/// <summary>The manifest file formats SerKit reads and writes (see docs/corpora.md).</summary>
public enum ManifestFormat
{
    /// <summary>Reading: from the extension and the header or first line. Writing: from the extension.</summary>
    Auto,

    /// <summary>CSV with a header <c>id,path,speaker,label[,duration]</c> and any extra columns.</summary>
    SerKitCsv,

    /// <summary>EmoBox JSONL: one object per line with <c>key, wav, length, emo, channel, …</c>.</summary>
    EmoBoxJsonl,

    /// <summary>SpeechBrain CSV: <c>ID,duration,wav,spk_id,emo,…</c> with <c>$data_root</c>-style placeholders.</summary>
    SpeechBrainCsv,

    /// <summary>SpeechBrain JSON: an object keyed by utterance id, each with <c>wav, length, emo, …</c>.</summary>
    SpeechBrainJson,
}
