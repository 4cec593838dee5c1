// Benchmarks: each one is a subcommand; results go to docs/benchmarks.md by hand with the command that made them.
Console.Error.WriteLine("usage: SerKit.Bench <benchmark> [options]");
return 2;
