using System.Diagnostics;
using SerKit.Corpus;
using SerKit.Orofacial;
using SerKit.Runtime;
using SerKit.Synthetic;
using SerKit.Training;

namespace SerKit.Bench;

/// <summary>
/// The orofacial variants (single-task, + emotion, + visemes from mouth-shape clusters, + both) on the default demo corpus (seed 0,
/// <c>serkit synth</c>'s default sizes): trained on speakers s01–s06 and all unlabelled speakers, early stopping on s07, scored on s08,
/// with <see cref="OrofacialExperiment"/>. <c>--remove-roll</c> also removes head roll from the targets; <c>--width</c> sets the front-end
/// channels and BiLSTM units (one layer); <c>--epochs</c> the most epochs (patience 5). Prints the report table and the time.
/// </summary>
public sealed class OrofacialVariantsBenchmark : IBenchmark
{
    public string Name => "orofacial-variants";
    public string Description => "orofacial model variants (single, +emotion, +viseme, +both) on the default demo corpus: RMSE, r, secondary accuracies";

    public int Run(string[] args)
    {
        int epochs = ChildProcess.Option(args, "--epochs", 20), width = ChildProcess.Option(args, "--width", 64), threads = ChildProcess.Option(args, "--threads", 1);
        bool removeRoll = args.Contains("--remove-roll");
        var work = Path.Combine(Path.GetTempPath(), "serkit-bench-orofacial");
        var corpus = Path.Combine(work, "corpus");
        var clock = Stopwatch.StartNew();
        var demo = File.Exists(Path.Combine(corpus, "corpus.json")) && File.Exists(Path.Combine(corpus, "labelled.csv"))
            ? (Manifest.Load(Path.Combine(corpus, "labelled.csv")), Manifest.Load(Path.Combine(corpus, "unlabelled.csv")))
            : DemoCorpus.Write(corpus) is var r ? (r.Labelled, r.Unlabelled) : default;
        var all = new Manifest(corpus, demo.Item1.Items.Concat(demo.Item2.Items));
        var train = all.Where(u => u.Speaker is not ("s07" or "s08"));
        var valid = all.Where(u => u.Speaker == "s07");
        var test = all.Where(u => u.Speaker == "s08");
        Console.Error.WriteLine($"corpus ready ({clock.Elapsed.TotalSeconds:0} s): {train.Items.Count} training, {valid.Items.Count} validation, {test.Items.Count} test utterances");
        var output = Path.Combine(work, removeRoll ? $"variants-w{width}-roll" : $"variants-w{width}");
        var results = OrofacialExperiment.Run(new OrofacialExperimentRequest(new OrofacialDataRequest(train)
        {
            Valid = valid, FacesDirectory = Path.Combine(corpus, "faces"), Data = new OrofacialDataOptions { RemoveRoll = removeRoll }, Workers = Environment.ProcessorCount,
        }, test, output)
        {
            Network = new OrofacialConfig { ConvChannels = width, LstmHidden = width, LstmLayers = 1 },
            Options = new OrofacialTrainingRequest("").Options with { Epochs = epochs, Patience = 5, Threads = threads },
        }, new SynchronousProgress<TrainingProgress>(p => Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} [{p.Stage}] {p.Status}")));
        Console.WriteLine(File.ReadAllText(Path.Combine(output, OrofacialReport.MarkdownFile)));
        foreach (var v in results) Console.WriteLine($"{v.Variant}: kept epoch {v.KeptEpoch}");
        Console.WriteLine($"total {clock.Elapsed.TotalMinutes:0.0} min, {threads} libtorch thread(s); output {output}");
        return 0;
    }
}
