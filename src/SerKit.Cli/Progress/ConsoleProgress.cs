using SerKit.Runtime;
using Spectre.Console;

namespace SerKit.Cli.Progress;

/// <summary>
/// Shows progress of long work: a live bar when standard error is a terminal, and plain
/// timestamped log lines otherwise (CI logs, batch schedulers, <c>| tee</c>), because
/// Spectre's bar prints nothing when the output is not interactive.
/// </summary>
public static class ConsoleProgress
{
    public static T Run<T>(string title, Func<IProgress<ProgressLine>, T> work)
    {
        var interactive = !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive
                          && Environment.GetEnvironmentVariable("SERKIT_PLAIN_PROGRESS") is null;
        if (!interactive)
        {
            string? last = null;
            return work(new SynchronousProgress<ProgressLine>(line =>
            {
                var text = $"[{title}] {line.Fraction * 100,5:0.0}% {line.Status}";
                if (text == last) return;
                last = text;
                Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {text}");
            }));
        }
        var errorConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return errorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1.0);
                var result = work(new SynchronousProgress<ProgressLine>(line =>
                {
                    task.Value = Math.Clamp(line.Fraction, 0, 1);
                    task.Description = Markup.Escape($"{title}: {line.Status}");
                }));
                task.Value = 1.0;
                return result;
            });
    }
}
