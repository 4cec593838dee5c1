using SerKit.Evaluation;

namespace SerKit.Experiments;

/// <summary>What the demo produced: the paper-style table and where it was written.</summary>
public sealed record DemoResult(ComparisonTable Table, string ResultsMarkdown, string ResultsJson, string Markdown);
