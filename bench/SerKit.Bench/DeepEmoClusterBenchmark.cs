using System.Diagnostics;
using System.Globalization;
using System.Text;
using SerKit.Attributes;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Modeling;
using SerKit.Synthetic;
using SerKit.Training;

namespace SerKit.Bench;

/// <summary>
/// Attribute regression on the demo corpus (default sizes, seed 0): the regressor alone against DeepEmoCluster with k-means on the labelled
/// training utterances only and on those plus the 640 unlabelled utterances, over speaker-independent folds (5/1/2 speakers) × seeds, the
/// same folds and seeds for every condition (paired). Prints the test CCC per attribute (mean ± std over runs), the paired difference of the
/// mean CCC to the regressor with a t-test and a Wilcoxon test, the η² of the test set's clusters, and the time per run. Runs are resumable
/// (<c>--out DIR</c> keeps them) and deterministic.
/// </summary>
public sealed class DeepEmoClusterBenchmark : IBenchmark
{
    public string Name => "deepemocluster";
    public string Description => "demo corpus: CCC of the attribute regressor alone vs DeepEmoCluster (labelled only / + unlabelled), folds x seeds";

    public int Run(string[] args)
    {
        int folds = ChildProcess.Option(args, "--folds", 4), seeds = ChildProcess.Option(args, "--seeds", 2), epochs = ChildProcess.Option(args, "--epochs", 20);
        int patience = ChildProcess.Option(args, "--patience", 6), k = ChildProcess.Option(args, "--clusters", 10), parallel = ChildProcess.Option(args, "--parallel", 2);
        int width = ChildProcess.Option(args, "--width", 128), layers = ChildProcess.Option(args, "--layers", 4);
        int i = Array.IndexOf(args, "--out");
        var root = Path.GetFullPath(i >= 0 && i + 1 < args.Length ? args[i + 1] : Path.Combine(Path.GetTempPath(), "serkit-bench-deepemocluster"));
        var corpusDir = Path.Combine(root, "corpus");
        if (!File.Exists(Path.Combine(corpusDir, "unlabelled.csv"))) DemoCorpus.Write(corpusDir, new DemoCorpusOptions { Seed = 0 });
        var labelled = Manifest.Load(Path.Combine(corpusDir, "labelled.csv"));
        var unlabelled = Manifest.Load(Path.Combine(corpusDir, "unlabelled.csv"));
        var split = SpeakerFolds.Create(labelled.Speakers, folds, new FoldSizes(labelled.Speakers.Count - 3, 1, 2), 0);
        var encoder = new EncoderConfig { Width = width, Layers = layers, FeedForward = 2 * width, PoolingDim = width };
        var conditions = new (string Name, DeepEmoClusterOptions? Clustering, bool Unlabelled)[]
        {
            ("regressor", null, false),
            ("deepemocluster (labelled)", new DeepEmoClusterOptions { Clusters = k }, false),
            ("deepemocluster (+unlabelled)", new DeepEmoClusterOptions { Clusters = k }, true),
        };
        var jobs = (from c in Enumerable.Range(0, conditions.Length) from f in split.Folds from s in Enumerable.Range(0, seeds) select (c, f.Number, s)).ToArray();
        var seconds = new double[jobs.Length];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = parallel }, j =>
        {
            var (c, fold, seed) = jobs[j];
            var dir = RunDirectory(root, c, fold, seed);
            if (File.Exists(Path.Combine(dir, "test", "results.json"))) return;
            var watch = Stopwatch.StartNew();
            AttributeTraining.Run(new AttributeTrainingRequest(split.Select(labelled, fold, FoldSplit.Train), split.Select(labelled, fold, FoldSplit.Valid), dir)
            {
                Clustering = conditions[c].Clustering,
                Unlabelled = conditions[c].Unlabelled ? unlabelled : null,
                Encoder = encoder,
                Options = new TrainingOptions { Epochs = epochs, Patience = patience, Seed = seed, Threads = 1 },
                Resume = true,
                Test = split.Select(labelled, fold, FoldSplit.Test),
                TestInfo = new EvaluationInfo("demo corpus, speaker-independent folds", true, fold, seed, conditions[c].Name, "test"),
            });
            seconds[j] = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{conditions[c].Name}, fold {fold}, seed {seed}: {seconds[j]:0} s"));
        });

        var results = jobs.Select(j => AttributeResultsFiles.ReadResultsJson(Path.Combine(RunDirectory(root, j.c, j.Number, j.s), "test", "results.json"))).ToArray();
        var attributes = results[0].Metrics.Attributes;
        var sb = new StringBuilder();
        sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"Demo corpus (seed 0): {labelled.Items.Count} labelled utterances, {unlabelled.Items.Count} unlabelled; {folds} speaker-independent folds (5/1/2 speakers) × {seeds} seeds; "
            + $"encoder width {width}, {layers} layers; ≤ {epochs} epochs, patience {patience}; DeepEmoCluster k = {k}, weight 1. Test CCC, mean ± std over runs.\n\n"));
        sb.Append("| condition | runs | ").AppendJoin(" | ", attributes.Select(a => $"CCC {a}")).Append(" | mean CCC | Δ mean CCC | p (t-test) | p (Wilcoxon) | η² test clusters (A/V/D) |\n");
        sb.Append("|:--|--:|").Append(string.Concat(attributes.Select(_ => "--:|"))).Append("--:|--:|--:|--:|--:|\n");
        var baseline = Enumerable.Range(0, jobs.Length).Where(j => jobs[j].c == 0).Select(j => results[j].Metrics.MeanCcc).ToArray();
        for (int c = 0; c < conditions.Length; c++)
        {
            var idx = Enumerable.Range(0, jobs.Length).Where(j => jobs[j].c == c).ToArray();
            var mean = idx.Select(j => results[j].Metrics.MeanCcc).ToArray();
            sb.Append($"| {conditions[c].Name} | {idx.Length} | ");
            for (int a = 0; a < attributes.Count; a++) sb.Append(F(MeanStd.Of(idx.Select(j => results[j].Metrics.Ccc[a])))).Append(" | ");
            sb.Append(F(MeanStd.Of(mean))).Append(" | ");
            if (c == 0) sb.Append("— | — | — | ");
            else
                sb.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{mean.Zip(baseline, (x, y) => x - y).Average():+0.000;−0.000} | {PairedTests.TTest(mean, baseline).PValue:0.000} | {PairedTests.Wilcoxon(mean, baseline).PValue:0.000} | "));
            if (conditions[c].Clustering is null) sb.Append("— |\n");
            else
            {
                var eta = idx.Select(j => ClusterAttributeTable.ReadJson(Path.Combine(RunDirectory(root, c, jobs[j].Number, jobs[j].s), "test", ClusterAttributeTable.JsonFile)).EtaSquared).ToArray();
                sb.Append(string.Join(" / ", Enumerable.Range(0, attributes.Count).Select(a => eta.Select(e => e[a]).Where(double.IsFinite).Average().ToString("0.00", CultureInfo.InvariantCulture)))).Append(" |\n");
            }
        }
        var timed = seconds.Where(s => s > 0).ToArray();
        for (int c = 0; c < conditions.Length; c++)
        {
            var t = Enumerable.Range(0, jobs.Length).Where(j => jobs[j].c == c && seconds[j] > 0).Select(j => seconds[j]).ToArray();
            if (t.Length > 0) sb.Append(string.Create(CultureInfo.InvariantCulture, $"\n{conditions[c].Name}: {t.Average():0} s per run (mean of {t.Length}, {parallel} runs in parallel, one libtorch thread each)"));
        }
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"\nwall time {clock.Elapsed.TotalMinutes:0.0} min; runs in {root}\n"));
        Console.WriteLine(sb.ToString());
        return 0;
    }

    private static string RunDirectory(string root, int condition, int fold, int seed) => Path.Combine(root, "runs", $"c{condition}", $"fold{fold}", $"seed{seed}");

    private static string F(MeanStd m) => string.Create(CultureInfo.InvariantCulture, $"{m.Mean:0.000} ± {m.Std:0.000}");
}
