using System.CommandLine;
using SerKit.Experiments;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit report DIR</c>: (re)writes results.md, results.json and plots/*.png of an experiment folder.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("experiment") { Description = "Experiment folder (the output of serkit experiment: protocol.json, runs/, folds/, pretext/…)." };
        var command = new Command("report",
            "Write the report of an experiment folder from its files only: results.md and results.json with the paper's table "
            + "(macro and micro P/R/F1, UA, WA per condition, mean ± std over folds, gain over the baseline, paired tests), "
            + "per-fold tables, the label-efficiency table, the attribute study (CCC per attribute, DeepEmoCluster's clusters), and PNGs under plots/ (confusion matrices, learning curves, label-efficiency, "
            + "label and pretext label distributions). A partial experiment is reported as such. See docs/evaluation.md.");
        command.Arguments.Add(folder);
        command.SetAction(parse => CommandErrors.Run(parse, "report", o =>
        {
            var result = ExperimentReport.Write(parse.GetRequiredValue(folder));
            bool attributes = result.ExpectedAttributeRuns > 0;
            o.WriteLine(result.Complete
                ? $"all {result.ExpectedRuns} runs{(attributes ? $" and {result.ExpectedAttributeRuns} attribute runs" : "")} have results"
                : $"partial experiment: {result.FoundRuns} of {result.ExpectedRuns} runs{(attributes ? $" and {result.FoundAttributeRuns} of {result.ExpectedAttributeRuns} attribute runs" : "")} have results "
                  + $"(the missing ones are listed in {Path.GetFileName(result.MarkdownPath)})");
            foreach (var note in result.Notes) o.WriteLine("note: " + note);
            o.WriteLine($"wrote {result.MarkdownPath}, {result.JsonPath} and {result.Plots.Count} plots");
            return 0;
        }));
        return command;
    }
}
