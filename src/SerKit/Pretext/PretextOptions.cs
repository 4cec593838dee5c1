using System.Text.Json.Nodes;

namespace SerKit.Pretext;

/// <summary>
/// Everything <see cref="PretextLabeler"/> needs besides the manifest. Face tracks are looked up
/// as <c>FacesDirectory/&lt;id&gt;.csv</c>; an utterance whose manifest row has a non-empty extra
/// column <see cref="FaceColumn"/> uses that path instead (relative to the manifest root, which
/// it may not leave).
/// </summary>
public sealed record PretextOptions
{
    /// <summary>Which tasks to label; default all three.</summary>
    public PretextTasks Tasks { get; init; } = PretextTasks.All;

    /// <summary>T1 settings.</summary>
    public EnergyOptions Energy { get; init; } = new();

    /// <summary>Face-evidence settings shared by T2 and T3, and T2's regions.</summary>
    public FaceEvidenceOptions Face { get; init; } = new();

    /// <summary>T3's rule table and thresholds; default <see cref="AuRuleTable.Default"/>.</summary>
    public AuRuleTable Rules { get; init; } = AuRuleTable.Default;

    /// <summary>Folder of the OpenFace CSVs (<c>&lt;id&gt;.csv</c>); null to rely on the manifest's face column only.</summary>
    public string? FacesDirectory { get; init; }

    /// <summary>Manifest extra column with a face-track path relative to the manifest root; default <c>face</c>.</summary>
    public string FaceColumn { get; init; } = "face";

    /// <summary>Utterances processed at once; 0 = one per core.</summary>
    public int Workers { get; init; }

    /// <summary>How often progress is reported.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if ((Tasks & PretextTasks.All) == PretextTasks.None || (Tasks & ~PretextTasks.All) != 0)
            throw new ArgumentException($"pick at least one of the tasks t1, t2, t3 (got {Tasks})");
        Energy.Validate();
        Face.Validate();
        ArgumentNullException.ThrowIfNull(Rules);
        if (Workers < 0) throw new ArgumentException($"workers must be 0 (one per core) or more (got {Workers})");
        if (string.IsNullOrWhiteSpace(FaceColumn)) throw new ArgumentException("the face column name is empty");
    }

    /// <summary>Task names in order, e.g. <c>["t1", "t3"]</c>.</summary>
    public IReadOnlyList<string> TaskNames =>
        new[] { (PretextTasks.T1, "t1"), (PretextTasks.T2, "t2"), (PretextTasks.T3, "t3") }
            .Where(t => Tasks.HasFlag(t.Item1)).Select(t => t.Item2).ToArray();

    /// <summary>The options as written to <c>pretext.json</c>.</summary>
    public JsonObject ToJson()
    {
        var rules = Rules.ToJson();
        rules["source"] = Rules.Source;
        return new JsonObject
        {
            ["t1"] = new JsonObject
            {
                ["statistic"] = Energy.Statistic == EnergyStatistic.Variation ? "variation" : "mean",
                ["window_length"] = Energy.WindowLength,
                ["hop"] = Energy.Hop,
                ["sample_rate"] = 16000,
                ["relative_db"] = Energy.RelativeDb,
                ["reference_percentile"] = Energy.ReferencePercentile,
                ["floor_db"] = Energy.FloorDb,
                ["min_speech_frames"] = Energy.MinSpeechFrames,
                ["grouping"] = Energy.Grouping.ToString().ToLowerInvariant(),
                ["recording_column"] = Energy.RecordingColumn,
                ["min_group_size"] = Energy.MinGroupSize,
            },
            ["face"] = new JsonObject
            {
                ["faces_directory"] = FacesDirectory,
                ["face_column"] = FaceColumn,
                ["min_confidence"] = Face.MinConfidence,
                ["min_valid_share"] = Face.MinValidShare,
            },
            ["t2"] = new JsonObject
            {
                ["regions"] = new JsonArray(new[] { FaceRegions.Brows, FaceRegions.Eyes, FaceRegions.Mouth }
                    .Where(r => Face.Regions.HasFlag(r)).Select(r => (JsonNode?)JsonValue.Create(r.ToString().ToLowerInvariant())).ToArray()),
                ["origin_points"] = new JsonArray(FacialActivation.OriginPoints.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
                ["scale_points"] = new JsonArray(FacialActivation.LeftOuterEyeCorner, FacialActivation.RightOuterEyeCorner),
            },
            ["t3"] = rules,
        };
    }
}
