using System.CommandLine;
using SerKit.Corpus;
using SerKit.Orofacial;

namespace SerKit.Cli.Commands;

/// <summary>
/// The data and task options of <c>serkit orofacial-train</c> and <c>serkit orofacial-variants</c>: where the face tracks are, how they
/// become targets, where viseme labels come from and the secondary tasks' loss weights.
/// </summary>
internal sealed class OrofacialDataCommandOptions
{
    private readonly Option<string?> _faces = new("--faces") { Description = "Folder of face tracks <id>.csv (OpenFace schema, e.g. from 'serkit faces'); a manifest 'face' column overrides it.", HelpName = "DIR" };
    private readonly Option<string[]> _visemes;
    private readonly Option<int> _clusters = new("--viseme-clusters") { Description = "Mouth-shape clusters (k) for --visemes clusters.", DefaultValueFactory = _ => 8 };
    private readonly Option<double> _emotionWeight = new("--emotion-weight") { Description = "Weight of the emotion cross-entropy in the loss.", DefaultValueFactory = _ => 0.5 };
    private readonly Option<double> _visemeWeight = new("--viseme-weight") { Description = "Weight of the viseme cross-entropy in the loss.", DefaultValueFactory = _ => 0.5 };
    private readonly Option<string> _reference = new("--reference") { Description = "Targets relative to the speaker's mean shape (speaker) or the normalised coordinates themselves (absolute).", DefaultValueFactory = _ => "speaker" };
    private readonly Option<bool> _removeRoll = new("--remove-roll") { Description = "Also remove in-plane head rotation (eye line made horizontal) from the targets; default: T2 normalisation only." };
    private readonly Option<double> _minConfidence = new("--min-confidence") { Description = "Face frames below this tracker confidence are not used.", DefaultValueFactory = _ => 0.8 };

    /// <summary>The options; <paramref name="visemesDescription"/> says what <c>--visemes</c> means for the command.</summary>
    public OrofacialDataCommandOptions(string visemesDescription)
    {
        _visemes = new("--visemes")
        {
            Description = visemesDescription,
            Arity = new ArgumentArity(1, 2), AllowMultipleArgumentsPerToken = true, HelpName = "clusters|alignments FILE",
        };
        _reference.AcceptOnlyFromAmong("speaker", "absolute");
    }

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _faces, _visemes, _clusters, _emotionWeight, _visemeWeight, _reference, _removeRoll, _minConfidence })
            command.Options.Add(o);
    }

    public string? Faces(ParseResult p) => p.GetValue(_faces);

    /// <summary><c>--visemes clusters</c> / <c>--visemes alignments FILE</c>; <paramref name="absent"/> when the option is not given.</summary>
    public (VisemeSource Source, string? Alignments) Visemes(ParseResult p, VisemeSource absent)
    {
        var values = p.GetValue(_visemes);
        if (values is null || values.Length == 0) return (absent, null);
        return values[0] switch
        {
            "clusters" when values.Length == 1 => (VisemeSource.Clusters, null),
            "alignments" when values.Length == 2 => (VisemeSource.Alignments, values[1]),
            "alignments" => throw new ArgumentException("--visemes alignments needs the alignment file: --visemes alignments FILE"),
            _ => throw new ArgumentException($"--visemes takes 'clusters' or 'alignments FILE' (got '{string.Join(' ', values)}')"),
        };
    }

    public int VisemeClusters(ParseResult p) => p.GetValue(_clusters);

    public OrofacialTaskWeights Weights(ParseResult p) => new(p.GetValue(_emotionWeight), p.GetValue(_visemeWeight));

    /// <summary>The training data of <paramref name="train"/> and <paramref name="valid"/> with these options and the features and workers of <paramref name="shared"/>.</summary>
    public OrofacialDataRequest Request(ParseResult p, Manifest train, Manifest? valid, OrofacialCommandOptions shared) => new(train)
    {
        Valid = valid,
        FacesDirectory = Faces(p),
        Features = shared.Features(p),
        Data = new OrofacialDataOptions
        {
            MinConfidence = p.GetValue(_minConfidence),
            RemoveRoll = p.GetValue(_removeRoll),
            Reference = p.GetValue(_reference) == "absolute" ? TargetReference.Absolute : TargetReference.Speaker,
        },
        Workers = shared.Workers(p),
    };
}
