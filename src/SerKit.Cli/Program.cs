using System.CommandLine;
using SerKit.Cli.Commands;

var root = new RootCommand("SerKit: speech emotion recognition that learns from unlabelled audiovisual recordings.");
root.Subcommands.Add(InfoCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(ManifestCommand.Create());
root.Subcommands.Add(FoldsCommand.Create());
root.Subcommands.Add(FeaturesCommand.Create());
root.Subcommands.Add(PretextCommand.Create());
root.Subcommands.Add(PretrainCommand.Create());
root.Subcommands.Add(FinetuneCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(PredictCommand.Create());
return root.Parse(args).Invoke();
