using System.CommandLine;
using SerKit.Evaluation;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit compare</c>: the paper-style table of every results.json under a folder, conditions against a baseline.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("results") { Description = "Folder searched recursively for results.json files (one per condition, fold and seed)." };
        var baseline = new Option<string>("--baseline", "-b") { Description = "Condition the others are compared with.", DefaultValueFactory = _ => "baseline" };
        var order = new Option<string?>("--order") { Description = "Comma-separated row order of the conditions (others follow in order of appearance).", HelpName = "A,B,C" };
        var output = new Option<string?>("--output", "-o") { Description = "Folder for results.md and results.json (the table); default: print only.", HelpName = "DIR" };

        var command = new Command("compare",
            "Aggregate results.json files into the paper's table: macro precision, recall and F1 as mean ± sample std over "
            + "folds × seeds per condition, gain over the baseline, and paired t-test / Wilcoxon p-values over the same "
            + "(fold, seed) pairs. See docs/evaluation.md.");
        command.Arguments.Add(folder);
        foreach (var o in new Option[] { baseline, order, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            return CommandErrors.Run(parse, "compare", o =>
            {
                var dir = parse.GetRequiredValue(folder);
                var results = ResultsFiles.ReadAll(dir);
                if (results.Count == 0) throw new ArgumentException($"{dir}: no results.json found");
                var rows = parse.GetValue(order)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var table = ComparisonTable.Build(results, parse.GetValue(baseline)!, rows);
                o.Write(table.ToMarkdown());
                if (parse.GetValue(output) is { } outDir)
                {
                    table.WriteMarkdown(Path.Combine(outDir, "results.md"));
                    table.WriteJson(Path.Combine(outDir, ResultsFiles.ResultsFileName));
                    o.WriteLine($"wrote {Path.Combine(outDir, "results.md")} and {Path.Combine(outDir, ResultsFiles.ResultsFileName)} ({results.Count} results)");
                }
                return 0;
            });
        });
        return command;
    }
}
