return SerKit.Cli.CliApp.Run(args);
