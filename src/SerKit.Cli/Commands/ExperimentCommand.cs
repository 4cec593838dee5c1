using System.CommandLine;
using SerKit.Cli.Progress;
using SerKit.Experiments;
using SerKit.Runtime;

namespace SerKit.Cli.Commands;

/// <summary>
/// <c>serkit experiment RECIPE [-o OUT] [--set key.path=value]... [--workers N] [--restart]</c>: runs a whole study from one
/// recipe file (corpora, features, face tracks, pretext labels, pre-training, fine-tuning folds, conditions, seeds, label
/// fractions) into an experiment folder; a killed run resumes where it stopped.
/// </summary>
public static class ExperimentCommand
{
    public static Command Create()
    {
        var recipe = new Argument<FileInfo>("recipe") { Description = "The recipe (YAML or JSON), e.g. recipes/crema-d.yaml." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Experiment folder (default out/<recipe name>)." };
        var set = new Option<string[]>("--set") { Description = "Override a recipe key, e.g. --set fine_tuning.epochs=5 (repeatable).", DefaultValueFactory = _ => [] };
        var workers = new Option<int?>("--workers", "-j") { Description = "Jobs at once (extraction, faces, training runs with one libtorch thread each); 0 = one per core. Same as --set workers=N." };
        var restart = new Option<bool>("--restart") { Description = "Discard the results of an earlier run in the folder (also of a different recipe) and start over." };
        var command = new Command("experiment",
            "Run a whole study from one recipe: labelled corpus and speaker-independent folds, pre-training corpora, features, face tracks, "
            + "pretext labels, pre-training per condition, fine-tuning per condition × label fraction × fold × seed, the attribute study "
            + "(regressor against DeepEmoCluster, recipe section attributes:), evaluation and the report "
            + "(OUT/results.md). The resolved recipe is saved as OUT/recipe.yaml; a killed run continues where it stopped.")
        {
            recipe, output, set, workers, restart,
        };
        command.SetAction(parse => CommandErrors.Run(parse, "experiment", o =>
        {
            var path = parse.GetValue(recipe)!.FullName;
            var overrides = parse.GetValue(set)!.ToList();
            if (parse.GetValue(workers) is { } n) overrides.Add($"workers={n}");
            var loaded = RecipeFile.Load(path, overrides);
            var dir = parse.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("out", loaded.Name));
            return Execute(loaded, dir, new ExperimentRunOptions { Restart = parse.GetValue(restart), RecipeSource = path }, "experiment", o);
        }));
        return command;
    }

    /// <summary>Runs <paramref name="recipe"/> into <paramref name="directory"/> under a progress display and prints the table and where the results are.</summary>
    internal static int Execute(Recipe recipe, string directory, ExperimentRunOptions options, string title, TextWriter output)
    {
        var runner = new ExperimentRunner(recipe, directory, options);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = ConsoleProgress.Run(title, progress => runner.Run(new SynchronousProgress<ExperimentProgress>(p =>
            progress.Report(new ProgressLine(p.Fraction, $"{p.Stage}: {p.Status}")))));
        output.WriteLine();
        var report = File.ReadAllLines(result.ResultsMarkdown);
        foreach (var line in Table(report, "## Main table")) output.WriteLine(line);
        if (result.AttributeRuns > 0)
        {
            output.WriteLine();
            foreach (var line in Table(report, "## Emotional attributes")) output.WriteLine(line);
        }
        output.WriteLine();
        if (result.Failures.Count > 0)
        {
            output.WriteLine($"{result.Failures.Count} utterance(s) were left out (listed in {Path.Combine(result.Directory, "failures.csv")}):");
            foreach (var f in result.Failures.Take(10)) output.WriteLine($"  {f.Stage} {f.Corpus}/{f.Id}: {f.Problem}");
            if (result.Failures.Count > 10) output.WriteLine($"  … and {result.Failures.Count - 10} more");
        }
        output.WriteLine($"{result.Runs} fine-tuning runs{(result.AttributeRuns > 0 ? $", {result.AttributeRuns} attribute runs" : "")}; wrote {result.ResultsMarkdown} (the full report), {result.ResultsJson} and the plots in {clock.Elapsed.TotalMinutes:0.0} min");
        return 0;
    }

    /// <summary>The first table of the report's section <paramref name="heading"/> (e.g. the main table, macro P/R/F1 at the largest label fraction): its heading and rows.</summary>
    private static IEnumerable<string> Table(IReadOnlyList<string> report, string heading)
    {
        int start = report.ToList().FindIndex(l => l.StartsWith(heading, StringComparison.Ordinal));
        int table = start < 0 ? -1 : report.ToList().FindIndex(start, l => l.StartsWith('|'));
        if (table < 0) yield break;
        yield return report[start].TrimStart('#', ' ');
        yield return "";
        for (int i = table; i < report.Count && report[i].StartsWith('|'); i++) yield return report[i];
    }
}
