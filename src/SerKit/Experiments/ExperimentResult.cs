namespace SerKit.Experiments;

/// <summary>What <see cref="ExperimentRunner.Run"/> produced.</summary>
/// <param name="Directory">The experiment folder.</param>
/// <param name="ResultsMarkdown">The report (<c>results.md</c>).</param>
/// <param name="ResultsJson">The report's data (<c>results.json</c>).</param>
/// <param name="Runs">Fine-tuning runs evaluated (condition × label fraction × fold × seed).</param>
/// <param name="Failures">Utterances left out by some stage, also listed in <c>failures.csv</c>.</param>
public sealed record ExperimentResult(string Directory, string ResultsMarkdown, string ResultsJson, int Runs, IReadOnlyList<ExperimentFailure> Failures)
{
    /// <summary>Attribute runs (attribute conditions × label fractions × folds × seeds) this run covers.</summary>
    public int AttributeRuns { get; init; }
}
