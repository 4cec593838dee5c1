using System.CommandLine;
using System.Globalization;
using SerKit.Audio;
using SerKit.Cli.Progress;
using SerKit.Extraction;
using SerKit.Synthetic;

namespace SerKit.Cli.Commands;

/// <summary>
/// <c>serkit demo</c>: generates the embedded sample corpus and extracts features from it,
/// then prints per-emotion prosody (energy, F0, voicing) read back from the feature files.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for the corpus, features and summary.", Required = true };
        var speakers = new Option<int>("--speakers") { Description = "Speakers in the generated corpus.", DefaultValueFactory = _ => 4 };
        var utterances = new Option<int>("--utterances") { Description = "Utterances per speaker and emotion.", DefaultValueFactory = _ => 2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated corpus.", DefaultValueFactory = _ => 0 };
        var command = new Command("demo", "Run SerKit on its embedded sample: generate a small speech corpus, extract log-mel, energy and F0, summarise per emotion.")
        {
            output, speakers, utterances, seed,
        };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!.FullName;
            Console.Error.WriteLine($"demo: generating the sample corpus in {Path.Combine(dir, "corpus")}");
            var manifest = SampleCorpus.Write(Path.Combine(dir, "corpus"), parse.GetValue(speakers), parse.GetValue(utterances), parse.GetValue(seed));
            var job = new FeatureExtractionJob(manifest, new ExtractionOptions
            {
                OutputDirectory = Path.Combine(dir, "features"),
                Features = new[] { new FeatureOptions { Kind = FeatureKind.LogMel }, new FeatureOptions { Kind = FeatureKind.Energy }, new FeatureOptions { Kind = FeatureKind.F0 } },
            });
            var summary = ConsoleProgress.Run("extract", progress => job.Run(new SynchronousProgress<ExtractionProgress>(p =>
                progress.Report(new ProgressLine(p.Total == 0 ? 1 : (double)p.Finished / p.Total, $"{p.Finished}/{p.Total} files")))));
            if (!summary.Succeeded)
            {
                foreach (var f in summary.Failures) Console.Error.WriteLine("  " + f.Problem);
                return 1;
            }
            var stats = LabelFeatureStats.FromIndex(Path.Combine(dir, "features"), FeatureIndex.Read(summary.IndexPath));
            var lines = new List<string>
            {
                "| emotion | utterances | mean energy (dB) | median F0 (Hz) | voiced frames |",
                "|---|---:|---:|---:|---:|",
            };
            lines.AddRange(stats.Select(s => string.Create(CultureInfo.InvariantCulture,
                $"| {s.Label} | {s.Utterances} | {s.MeanEnergyDb:0.0} | {s.MedianF0Hz:0} | {s.VoicedShare:P0} |")));
            var table = string.Join("\n", lines) + "\n";
            IO.AtomicFile.WriteAllText(Path.Combine(dir, "summary.md"), "# SerKit demo: prosody per emotion\n\n" + table);
            Console.WriteLine($"{summary.Total} utterances, {summary.AudioSeconds:0.0} s of audio; features in {Path.Combine(dir, "features")} (index.csv)");
            Console.Write(table);
            return 0;
        });
        return command;
    }
}
