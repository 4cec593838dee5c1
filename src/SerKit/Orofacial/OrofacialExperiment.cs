using SerKit.Training;

namespace SerKit.Orofacial;

/// <summary>
/// The orofacial experiment in one call: prepares the data once, trains every requested variant into <c>OUT/&lt;variant&gt;/</c>
/// (resuming an interrupted or finished one from its checkpoint), scores each on the test set (<c>OUT/&lt;variant&gt;/orofacial_results.json</c>)
/// and writes the comparison table (<c>OUT/orofacial.md</c>, <c>OUT/orofacial.json</c>, <see cref="OrofacialReport"/>).
/// </summary>
public static class OrofacialExperiment
{
    /// <summary>Runs the experiment; returns the variants' test results in report order.</summary>
    public static IReadOnlyList<OrofacialVariantResult> Run(OrofacialExperimentRequest request, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        if (request.Variants.Count == 0) throw new ArgumentException("no variant to train");
        if (request.Variants.Distinct().Count() != request.Variants.Count) throw new ArgumentException("a variant is listed twice");
        foreach (var v in request.Variants) request.TasksOf(v).Validate();
        request.Options.Validate();
        var data = OrofacialTrainingData.Prepare(request.Data, progress, cancellation);
        var results = new List<OrofacialVariantResult>();
        foreach (var variant in request.Variants)
        {
            var name = OrofacialExperimentRequest.NameOf(variant);
            var dir = Path.Combine(request.OutputDirectory, name);
            var named = progress is null ? null : new Runtime.SynchronousProgress<TrainingProgress>(p => progress.Report(p with { Stage = name }));
            OrofacialTraining.Run(data, new OrofacialTrainingRequest(dir)
            {
                Tasks = request.TasksOf(variant), Network = request.Network, Options = request.Options, Resume = true,
            }, named, cancellation);
            var result = OrofacialEvaluation.Evaluate(dir, request.Test, request.TestFacesDirectory ?? request.Data.FacesDirectory,
                request.Data.Features.ExtractedIndex, request.Visemes == VisemeSource.Alignments ? request.AlignmentsFile : null,
                request.Data.Workers, request.Options.Threads, cancellation);
            OrofacialEvaluation.Write(Path.Combine(dir, OrofacialEvaluation.ResultsFileName), result);
            results.Add(result);
        }
        OrofacialReport.Write(request.OutputDirectory, results);
        return results;
    }
}
