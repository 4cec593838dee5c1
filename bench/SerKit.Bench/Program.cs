// Benchmarks: each one is a subcommand; results go to docs/benchmarks.md by hand with the command that made them.
using SerKit.Bench;

var benchmarks = new Dictionary<string, Func<string[], int>>
{
    ["logmel-throughput"] = LogMelThroughput.Run,
    ["parity"] = LogMelParity.Run,
    ["logmel-profile"] = LogMelProfile.Run,
};
if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine($"usage: SerKit.Bench <{string.Join('|', benchmarks.Keys)}> [options]");
    return 2;
}
return benchmark(args[1..]);
