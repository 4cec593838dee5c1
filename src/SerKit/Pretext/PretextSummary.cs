using System.Text.Json.Nodes;

namespace SerKit.Pretext;

/// <summary>What a pretext run labelled and what it could not use. Counts are null for tasks not run.</summary>
/// <param name="Utterances">Utterances in the manifest.</param>
/// <param name="T1">T1 high/low/masked.</param>
/// <param name="T2">T2 high/low/masked.</param>
/// <param name="T3Counts">Utterances per T3 class (order of the classes), null when T3 did not run.</param>
/// <param name="T3Masked">Utterances without a T3 label.</param>
/// <param name="T1Median">Corpus median of the z-normalised T1 statistic.</param>
/// <param name="T2Median">Corpus median of the T2 activation.</param>
/// <param name="MissingFaces">Ids whose face CSV does not exist (T2/T3 masked).</param>
/// <param name="Problems">Inputs that could not be used.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record PretextSummary(
    int Utterances,
    PretextTaskCounts? T1,
    PretextTaskCounts? T2,
    IReadOnlyList<int>? T3Counts,
    int T3Masked,
    double? T1Median,
    double? T2Median,
    IReadOnlyList<string> MissingFaces,
    IReadOnlyList<PretextProblem> Problems,
    TimeSpan Elapsed)
{
    /// <summary>The counts, medians, missing faces and problems as written to <c>pretext.json</c> (not the elapsed time, so reruns give the same bytes).</summary>
    public JsonObject ToJson(IReadOnlyList<string> t3Classes)
    {
        static JsonObject Binary(PretextTaskCounts c) => new() { ["high"] = c.High, ["low"] = c.Low, ["masked"] = c.Masked };
        var counts = new JsonObject();
        if (T1 is not null) counts["t1"] = Binary(T1);
        if (T2 is not null) counts["t2"] = Binary(T2);
        if (T3Counts is not null)
        {
            var t3 = new JsonObject();
            for (int i = 0; i < t3Classes.Count; i++) t3[t3Classes[i]] = T3Counts[i];
            t3["masked"] = T3Masked;
            counts["t3"] = t3;
        }
        var medians = new JsonObject();
        if (T1 is not null) medians["t1"] = T1Median;
        if (T2 is not null) medians["t2"] = T2Median;
        return new JsonObject
        {
            ["utterances"] = Utterances,
            ["counts"] = counts,
            ["medians"] = medians,
            ["missing_faces"] = new JsonObject
            {
                ["count"] = MissingFaces.Count,
                ["ids"] = new JsonArray(MissingFaces.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()),
            },
            ["problems"] = new JsonArray(Problems.Select(p => (JsonNode?)new JsonObject
            {
                ["id"] = p.Id,
                ["source"] = p.Source,
                ["message"] = p.Message,
            }).ToArray()),
        };
    }
}
