using System.CommandLine;
using SerKit.Evaluation;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit plot confusion|curves</c>: PNGs from a results.json or a train_log.csv.</summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var command = new Command("plot", "Draw evaluation PNGs: the confusion matrix of a results.json, or learning curves of a train_log.csv.");
        command.Subcommands.Add(Confusion());
        command.Subcommands.Add(Curves());
        return command;
    }

    private static Command Confusion()
    {
        var input = new Argument<string>("results.json") { Description = "An evaluation's results.json." };
        var output = new Option<string?>("--output", "-o") { Description = "PNG to write (default: confusion.png next to the input).", HelpName = "PNG" };
        var title = new Option<string?>("--title") { Description = "Title of the counts panel." };
        var command = new Command("confusion", "Confusion matrix PNG: counts and row-normalised percentages, true classes as rows.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(title);
        command.SetAction(parse => Run(parse, "plot confusion", o =>
        {
            var path = parse.GetRequiredValue(input);
            var result = ResultsFiles.ReadResultsJson(path);
            var png = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "confusion.png");
            EvaluationPlots.ConfusionMatrixPng(png, result.Metrics, parse.GetValue(title) ?? result.Info.Title);
            o.WriteLine($"wrote {png}");
            return 0;
        }));
        return command;
    }

    private static Command Curves()
    {
        var input = new Argument<string>("train_log.csv") { Description = "A training log: epoch,train_loss,valid_loss,valid_macro_f1,…" };
        var output = new Option<string?>("--output", "-o") { Description = "PNG to write (default: learning_curves.png next to the input).", HelpName = "PNG" };
        var title = new Option<string?>("--title") { Description = "Title prefix of the loss panel." };
        var command = new Command("curves", "Learning curves PNG: loss columns on the left, validation metrics (%) on the right.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(title);
        command.SetAction(parse => Run(parse, "plot curves", o =>
        {
            var path = parse.GetRequiredValue(input);
            var png = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "learning_curves.png");
            EvaluationPlots.LearningCurvesPng(png, TrainLog.Read(path), parse.GetValue(title));
            o.WriteLine($"wrote {png}");
            return 0;
        }));
        return command;
    }


    private static int Run(ParseResult parse, string name, Func<TextWriter, int> body) => CommandErrors.Run(parse, name, body);
}
