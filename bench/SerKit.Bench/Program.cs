using System.Reflection;
using SerKit.Bench;

// Benchmarks: each one is a subcommand (a class implementing IBenchmark). Their results
// go to docs/benchmarks.md together with the command that produced them.
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();
var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
if (chosen == null)
{
    Console.Error.WriteLine("usage: dotnet run --project bench/SerKit.Bench -c Release -- <benchmark> [options]\n\nbenchmarks:");
    foreach (var b in benchmarks) Console.Error.WriteLine($"  {b.Name,-22} {b.Description}");
    return 2;
}
return chosen.Run(args[1..]);
