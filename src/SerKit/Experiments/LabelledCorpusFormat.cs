using System.Text.Json.Serialization;

namespace SerKit.Experiments;

/// <summary>How a recipe's labelled corpus is given.</summary>
public enum LabelledCorpusFormat
{
    /// <summary>CREMA-D's own layout: <c>AudioWAV/</c>, <c>VideoFlash/</c>, <c>processedResults/tabulatedVotes.csv</c>.</summary>
    [JsonStringEnumMemberName("crema-d")]
    CremaD,

    /// <summary>A manifest file (SerKit CSV, EmoBox JSONL, SpeechBrain CSV or JSON).</summary>
    Manifest,

    /// <summary>The generated demo corpus (<c>serkit synth</c>); its unlabelled part is available for pre-training.</summary>
    Demo,
}
