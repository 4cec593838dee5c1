using System.Text.Json;
using SerKit.Corpus;
using SerKit.IO;
using SerKit.Modeling;
using SerKit.Training;

namespace SerKit.Orofacial;

/// <summary>
/// Scores a trained orofacial model on a manifest with face tracks: the targets are made exactly as in training (the model's
/// <see cref="OrofacialConfig.Data"/>; with <see cref="TargetReference.Speaker"/> each test speaker's mean shape comes from the test
/// manifest), emotion classes from the manifest labels, visemes from the model's mouth-shape clusters or from an alignment file.
/// </summary>
public static class OrofacialEvaluation
{
    /// <summary>The results file an evaluation writes.</summary>
    public const string ResultsFileName = "orofacial_results.json";

    /// <summary>
    /// Evaluates the model in <paramref name="modelDir"/> on <paramref name="manifest"/> (face tracks in <paramref name="facesDirectory"/>);
    /// <paramref name="extractedIndex"/> reads features from a <c>serkit extract</c> index instead of the audio; <paramref name="alignmentsFile"/>
    /// gives the test visemes of a model trained on alignments (without it such a model's viseme accuracy is not computed).
    /// </summary>
    public static OrofacialVariantResult Evaluate(string modelDir, Manifest manifest, string? facesDirectory, string? extractedIndex = null,
        string? alignmentsFile = null, int workers = 1, int threads = 1, CancellationToken cancellation = default)
    {
        Runtime.TorchRuntime.Start(threads);
        var (model, config, _) = OrofacialModelDirectory.Load(modelDir);
        using (model)
        {
            var features = new FeatureInput { Settings = config.Features, ExtractedIndex = extractedIndex };
            double hop = config.Features.Hop / (double)config.Features.SampleRate;
            var set = OrofacialDataSet.Build(manifest, facesDirectory, features.For(manifest), hop, config.Data, workers, cancellation: cancellation);
            var alignments = config.Visemes == VisemeSource.Alignments && alignmentsFile is not null ? PhonemeAlignments.Read(alignmentsFile) : null;
            var examples = OrofacialTraining.Examples(set, config, alignments);
            if (config.Visemes == VisemeSource.Alignments && alignments is null)
                examples = examples.Select(e => e with { Visemes = null }).ToArray();
            var metrics = OrofacialScoring.Evaluate(model, examples, set.Features);
            int? kept = config.Training?["kept_epoch"]?.GetValue<int>();
            return new OrofacialVariantResult(config.Variant, config.Visemes, Path.GetFullPath(modelDir), metrics) { KeptEpoch = kept };
        }
    }

    /// <summary>Writes one result as JSON (snake_case keys: variant, visemes, model, kept_epoch, and every metric), atomically.</summary>
    public static void Write(string path, OrofacialVariantResult result) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(OrofacialReport.ToJson(result), ModelJson.Options) + "\n");
}
