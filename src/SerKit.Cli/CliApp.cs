using System.CommandLine;
using System.CommandLine.Help;
using SerKit.Cli.Commands;

namespace SerKit.Cli;

/// <summary>The <c>serkit</c> command tree: every command, registered in one place.</summary>
public static class CliApp
{
    /// <summary>Builds the root command (named <c>serkit</c> whatever the executable is called).</summary>
    public static Command BuildRoot()
    {
        var root = new Command("serkit", "SerKit: speech emotion recognition that learns from unlabelled audiovisual recordings.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(SynthCommand.Create());
        root.Subcommands.Add(FeaturesCommand.Create());
        root.Subcommands.Add(ManifestCommand.Create());
        root.Subcommands.Add(FoldsCommand.Create());
        root.Subcommands.Add(ExtractCommand.Create());
        root.Subcommands.Add(LandmarksCommand.Create());
        root.Subcommands.Add(FacesCommand.Create());
        root.Subcommands.Add(PretextCommand.Create());
        root.Subcommands.Add(PretrainCommand.Create());
        root.Subcommands.Add(CooccurrenceCommand.Create());
        root.Subcommands.Add(FinetuneCommand.Create());
        root.Subcommands.Add(AttributesCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(OrofacialTrainCommand.Create());
        root.Subcommands.Add(OrofacialEvaluateCommand.Create());
        root.Subcommands.Add(OrofacialVariantsCommand.Create());
        root.Subcommands.Add(AnimateCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; output goes to <paramref name="configuration"/> when given.</summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null)
    {
        // Before anything can load libtorch: oneMKL's kernel choice (and so the last bits of features and weights) depends on it.
        Runtime.MklVendorDispatch.Apply();
        return BuildRoot().Parse(args).Invoke(configuration ?? new InvocationConfiguration());
    }
}
