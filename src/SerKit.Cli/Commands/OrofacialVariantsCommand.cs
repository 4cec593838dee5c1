using System.CommandLine;
using SerKit.Cli.Progress;
using SerKit.Corpus;
using SerKit.Orofacial;

namespace SerKit.Cli.Commands;

/// <summary>
/// <c>serkit orofacial-variants</c>: the orofacial experiment in one go (<see cref="OrofacialExperiment"/>): trains the single-task and
/// multitask variants on the same data and seed, scores each on the test set and writes the comparison table.
/// </summary>
public static class OrofacialVariantsCommand
{
    private static readonly string[] AllNames = Enum.GetValues<OrofacialVariant>().Select(OrofacialExperimentRequest.NameOf).ToArray();

    public static Command Create()
    {
        var manifest = new Option<string>("--manifest", "-m") { Description = "Manifest of the training utterances (audio paths; labels for the emotion variants).", Required = true, HelpName = "MANIFEST" };
        var valid = new Option<string?>("--valid") { Description = "Manifest of the validation utterances: early stopping on their landmark RMSE (without it every epoch runs and the last is kept).", HelpName = "MANIFEST" };
        var test = new Option<string>("--test") { Description = "Manifest of the test utterances every variant is scored on.", Required = true, HelpName = "MANIFEST" };
        var testFaces = new Option<string?>("--test-faces") { Description = "Folder of the test utterances' face tracks (default: --faces).", HelpName = "DIR" };
        var root = new Option<string?>("--root") { Description = "The folder the manifests' paths are relative to (--manifest, --valid and --test; default: each manifest's folder).", HelpName = "DIR" };
        var output = new Option<string>("--output", "-o") { Description = "Experiment folder: one model folder per variant (with orofacial_results.json), orofacial.md and orofacial.json.", Required = true, HelpName = "OUT" };
        var variants = new Option<string>("--variants")
        {
            Description = $"Comma-separated variants to train, in table order (of {string.Join(", ", AllNames)}).",
            DefaultValueFactory = _ => string.Join(',', AllNames), HelpName = "LIST",
        };
        var dataOptions = new OrofacialDataCommandOptions(
            "Viseme labels of the viseme variants: 'clusters' (k-means of mouth shapes, the default) or 'alignments FILE' (CSV id,start,end,phone "
            + "of the training and test utterances; see docs/orofacial.md).");
        var shared = new OrofacialCommandOptions();
        var command = new Command("orofacial-variants",
            "Run the speech-driven orofacial experiment in one go: train the single-task model and the multitask variants (emotion, viseme, both) "
            + "on the same data, seed and options, score each on the test set and write the comparison table. A rerun resumes unfinished "
            + "variants and leaves finished ones as they are. See docs/orofacial.md.")
        { manifest, valid, test, testFaces, root, output, variants };
        dataOptions.AddTo(command);
        shared.AddTo(command, resume: false);
        command.SetAction(parse => CommandErrors.Run(parse, "orofacial-variants", o =>
        {
            var chosen = Parse(parse.GetValue(variants));
            var (source, alignments) = dataOptions.Visemes(parse, VisemeSource.Clusters);
            var manifestRoot = parse.GetValue(root);
            var data = dataOptions.Request(parse, Manifest.Load(parse.GetRequiredValue(manifest), root: manifestRoot),
                parse.GetValue(valid) is { } v ? Manifest.Load(v, root: manifestRoot) : null, shared);
            var outDir = Path.GetFullPath(parse.GetRequiredValue(output));
            var request = new OrofacialExperimentRequest(data, Manifest.Load(parse.GetRequiredValue(test), root: manifestRoot), outDir)
            {
                Variants = chosen,
                TestFacesDirectory = parse.GetValue(testFaces),
                Visemes = source, AlignmentsFile = alignments, VisemeClusters = dataOptions.VisemeClusters(parse),
                Weights = dataOptions.Weights(parse),
                Network = shared.Network(parse),
                Options = shared.Training(parse),
            };
            var names = chosen.Select(OrofacialExperimentRequest.NameOf).ToArray();
            var results = OrofacialCommandOptions.WithProgress("orofacial-variants", p => OrofacialExperiment.Run(request, p), p => Line(p, names));
            o.WriteLine(File.ReadAllText(Path.Combine(outDir, OrofacialReport.MarkdownFile)).TrimEnd());
            o.WriteLine();
            foreach (var r in results)
                o.WriteLine($"{r.Variant}: model {r.ModelDirectory}" + (r.KeptEpoch is int k ? $" (kept epoch {k})" : ""));
            o.WriteLine($"table: {Path.Combine(outDir, OrofacialReport.MarkdownFile)} and {OrofacialReport.JsonFile}; "
                        + $"per variant: <variant>/{OrofacialEvaluation.ResultsFileName}");
            return 0;
        }));
        return command;
    }

    /// <summary>The variants named in <paramref name="list"/> (comma-separated), in its order.</summary>
    internal static IReadOnlyList<OrofacialVariant> Parse(string? list)
    {
        var chosen = new List<OrofacialVariant>();
        foreach (var name in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int i = Array.IndexOf(AllNames, name);
            if (i < 0) throw new ArgumentException($"--variants: unknown variant '{name}' (valid: {string.Join(", ", AllNames)})");
            var variant = Enum.GetValues<OrofacialVariant>()[i];
            if (chosen.Contains(variant)) throw new ArgumentException($"--variants: '{name}' is listed twice");
            chosen.Add(variant);
        }
        return chosen.Count > 0 ? chosen : throw new ArgumentException($"--variants: no variant given (valid: {string.Join(", ", AllNames)})");
    }

    /// <summary>A progress line of the whole experiment: data preparation first, then each variant's share of the run.</summary>
    private static ProgressLine Line(Training.TrainingProgress p, string[] names)
    {
        int i = Array.IndexOf(names, p.Stage);
        return i < 0 ? new ProgressLine(0, p.Status) : new ProgressLine((i + Math.Clamp(p.Fraction, 0, 1)) / names.Length, $"{p.Stage}: {p.Status}");
    }
}
