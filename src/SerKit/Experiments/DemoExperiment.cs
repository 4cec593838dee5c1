using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Inference;
using SerKit.IO;
using SerKit.Pretext;
using SerKit.Runtime;
using SerKit.Synthetic;
using SerKit.Training;

namespace SerKit.Experiments;

/// <summary>
/// The method end to end on the generated audiovisual corpus, as in the paper's study:
/// <list type="number">
/// <item>generate the corpus (a labelled part and a larger unlabelled part with face tracks);</item>
/// <item>pretext labels T1 (energy), T2 (facial activation), T3 (AU emotion) on the unlabelled part;</item>
/// <item>pre-train one encoder per condition (each task alone and all three);</item>
/// <item>fine-tune for SER on few labels, every condition on the same speaker-independent folds
/// and seeds, the baseline from scratch;</item>
/// <item>evaluate on each fold's test speakers and build the table (macro P/R/F1, mean ± std,
/// gain over the baseline, paired tests).</item>
/// </list>
/// Every step writes its files under the output folder and is skipped when they are already
/// complete, so a killed demo continues where it stopped.
/// </summary>
public sealed class DemoExperiment
{
    private const string DoneFile = "done.json";
    private readonly string _dir;
    private readonly DemoOptions _options;

    public DemoExperiment(string outputDirectory, DemoOptions options)
    {
        options.Validate();
        _dir = Path.GetFullPath(outputDirectory);
        _options = options;
    }

    public string CorpusDirectory => Path.Combine(_dir, "corpus");
    public string PretextDirectory => Path.Combine(_dir, "pretext");
    public string PretrainDirectory(DemoCondition c) => Path.Combine(_dir, "pretrain", c.Slug);
    public string RunDirectory(DemoCondition c, int fold, long seed) => Path.Combine(_dir, "runs", c.Slug, $"fold{fold}", $"seed{seed}");

    public DemoResult Run(IProgress<DemoProgress>? progress = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(_dir);
        var pretrained = _options.Conditions.Where(c => !c.IsBaseline).ToList();
        int fineTunes = _options.Conditions.Count * _options.Folds * _options.Seeds.Count;
        // Shares of the whole run, roughly by measured cost.
        const double corpusShare = 0.05, pretextShare = 0.03, pretrainShare = 0.32, finetuneShare = 0.60;
        void Report(string stage, double fraction, string status) => progress?.Report(new DemoProgress(stage, Math.Clamp(fraction, 0, 1), status));

        // 1. Corpus.
        var corpus = GenerateCorpus(f => Report("corpus", corpusShare * f, "generating the audiovisual corpus"), cancellation);
        Report("corpus", corpusShare, $"{corpus.Labelled.Items.Count} labelled and {corpus.Unlabelled.Items.Count} unlabelled utterances");

        // 2. Pretext labels on the unlabelled part.
        var labels = PretextLabels(corpus.Unlabelled, f => Report("pretext", corpusShare + pretextShare * f, "pretext labels T1, T2, T3"), cancellation);
        double start = corpusShare + pretextShare;
        Report("pretext", start, $"{labels.Items.Count} utterances labelled");

        // 3. Pre-training, one encoder per condition, in parallel.
        var pretrainDone = new double[pretrained.Count];
        RunParallel(pretrained.Count, i =>
        {
            var c = pretrained[i];
            Pretrain(c, corpus.Unlabelled, labels, new SynchronousProgress<TrainingProgress>(p =>
            {
                lock (pretrainDone)
                {
                    pretrainDone[i] = p.Fraction;
                    Report("pretrain", start + pretrainShare * pretrainDone.Average(), $"{c.Name}: {p.Status}");
                }
            }), cancellation);
            lock (pretrainDone) pretrainDone[i] = 1;
        }, cancellation);
        start += pretrainShare;

        // 4 + 5. Fine-tune and evaluate every condition × fold × seed.
        var folds = SpeakerFolds.Create(corpus.Labelled.Speakers, _options.Folds,
            new FoldSizes(corpus.Labelled.Speakers.Count - _options.ValidSpeakers - _options.TestSpeakers, _options.ValidSpeakers, _options.TestSpeakers),
            _options.FoldSeed);
        folds.Write(corpus.Labelled, Path.Combine(_dir, "folds"));
        var jobs = (from c in _options.Conditions
                    from fold in folds.Folds
                    from seed in _options.Seeds
                    select (Condition: c, Fold: fold.Number, Seed: seed)).ToList();
        int finished = 0;
        RunParallel(jobs.Count, i =>
        {
            var (c, fold, seed) = jobs[i];
            FineTuneAndEvaluate(c, folds, fold, seed, corpus.Labelled, cancellation);
            int n = Interlocked.Increment(ref finished);
            Report("finetune", start + finetuneShare * n / fineTunes, $"{n}/{fineTunes} fine-tuning runs ({c.Name}, fold {fold}, seed {seed} done)");
        }, cancellation);

        // Table.
        var results = jobs.Select(j => ResultsFiles.ReadResultsJson(Path.Combine(RunDirectory(j.Condition, j.Fold, j.Seed), ResultsFiles.ResultsFileName))).ToList();
        var table = ComparisonTable.Build(results, _options.Conditions.First(c => c.IsBaseline).Name, _options.Conditions.Select(c => c.Name).ToArray());
        var markdown = Markdown(table, corpus, folds);
        var mdPath = Path.Combine(_dir, "results.md");
        var jsonPath = Path.Combine(_dir, "results.json");
        AtomicFile.WriteAllText(mdPath, markdown);
        table.WriteJson(jsonPath);
        Report("done", 1, $"table written to {mdPath}");
        return new DemoResult(table, mdPath, jsonPath, markdown);
    }

    private DemoCorpusResult GenerateCorpus(Action<double> progress, CancellationToken cancellation)
    {
        var marker = Path.Combine(CorpusDirectory, DoneFile);
        if (File.Exists(marker))
        {
            var labelled = Manifest.Load(Path.Combine(CorpusDirectory, "labelled.csv"));
            var unlabelled = Manifest.Load(Path.Combine(CorpusDirectory, "unlabelled.csv"));
            return new DemoCorpusResult(CorpusDirectory, labelled, unlabelled, 0, 0, 0);
        }
        var result = DemoCorpus.Write(CorpusDirectory, _options.Corpus,
            new SynchronousProgress<DemoCorpusProgress>(p => progress(p.Total == 0 ? 1 : (double)p.Done / p.Total)), cancellation);
        WriteDone(marker, new JsonObject { ["labelled"] = result.Labelled.Items.Count, ["unlabelled"] = result.Unlabelled.Items.Count });
        return result;
    }

    private PretextLabelSet PretextLabels(Manifest unlabelled, Action<double> progress, CancellationToken cancellation)
    {
        var marker = Path.Combine(PretextDirectory, DoneFile);
        if (File.Exists(marker)) return PretextLabelSet.Read(PretextDirectory);
        var labeler = new PretextLabeler(unlabelled, new PretextOptions { FacesDirectory = Path.Combine(CorpusDirectory, "faces"), Workers = WorkerCount });
        var result = labeler.Run(new SynchronousProgress<PretextProgress>(p => progress(p.Total == 0 ? 1 : (double)p.Done / p.Total)), cancellation);
        PretextOutput.Write(PretextDirectory, result);
        WriteDone(marker, new JsonObject { ["utterances"] = result.Labels.Items.Count });
        return result.Labels;
    }

    private void Pretrain(DemoCondition c, Manifest unlabelled, PretextLabelSet labels, IProgress<TrainingProgress> progress, CancellationToken cancellation)
    {
        var dir = PretrainDirectory(c);
        var marker = Path.Combine(dir, DoneFile);
        if (File.Exists(marker)) return;
        var outcome = Pretraining.Run(new PretrainingRequest(unlabelled, labels, dir)
        {
            Tasks = c.Tasks,
            Weights = c.Tasks.Select(_ => 1.0).ToArray(),
            Encoder = _options.Encoder,
            Options = _options.Pretraining with { Threads = 1 },
            Resume = true,
        }, progress, cancellation);
        WriteDone(marker, new JsonObject { ["epochs"] = outcome.EpochsRun, ["kept_epoch"] = outcome.KeptEpoch });
    }

    private void FineTuneAndEvaluate(DemoCondition c, SpeakerFolds folds, int fold, long seed, Manifest labelled, CancellationToken cancellation)
    {
        var dir = RunDirectory(c, fold, seed);
        var results = Path.Combine(dir, ResultsFiles.ResultsFileName);
        if (File.Exists(results)) return;
        var model = Path.Combine(dir, "model");
        FineTuning.Run(new FineTuningRequest(folds.Select(labelled, fold, FoldSplit.Train), folds.Select(labelled, fold, FoldSplit.Valid), model)
        {
            EncoderDirectory = c.IsBaseline ? null : PretrainDirectory(c),
            Classes = EmotionProsody.Classes,
            LabelFraction = _options.LabelFraction,
            Encoder = _options.Encoder,
            Options = _options.FineTuning with { Seed = seed, Threads = 1 },
            Resume = true,
        }, null, cancellation);
        var info = new EvaluationInfo("demo: generated audiovisual corpus, speaker-independent folds", true, fold, seed, c.Name, "test");
        ModelEvaluation.WriteResults(model, folds.Select(labelled, fold, FoldSplit.Test), dir, new FeatureInput { CacheBytes = 0 }, info, threads: 1);
    }

    private int WorkerCount => _options.Workers > 0 ? _options.Workers : Environment.ProcessorCount;

    private void RunParallel(int count, Action<int> body, CancellationToken cancellation) =>
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = WorkerCount, CancellationToken = cancellation }, body);

    private static void WriteDone(string path, JsonObject facts)
    {
        facts["finished"] = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture);
        AtomicFile.WriteAllText(path, facts.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private string Markdown(ComparisonTable table, DemoCorpusResult corpus, SpeakerFolds folds)
    {
        var o = _options;
        var sb = new StringBuilder();
        sb.AppendLine("# SerKit demo: self-supervised pre-training with audiovisual pretext tasks");
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated corpus: {corpus.Labelled.Items.Count} labelled utterances ({corpus.Labelled.Speakers.Count} speakers, six classes) and " +
            $"{corpus.Unlabelled.Items.Count} unlabelled audiovisual utterances ({corpus.Unlabelled.Speakers.Count} other speakers), seed {o.Corpus.Seed}."));
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Pre-training on the unlabelled part with pretext labels from audio (T1 energy) and face tracks (T2 facial activation, T3 AU emotion); " +
            $"fine-tuning on {o.LabelFraction:P0} of the training speakers' labels. Protocol: speaker-independent, {folds.Folds.Count} folds " +
            $"({folds.Sizes.Train}/{folds.Sizes.Valid}/{folds.Sizes.Test} speakers train/validation/test), seeds {string.Join(", ", o.Seeds)}; " +
            $"every condition on the same folds and seeds. Encoder: {o.Encoder.Layers} transformer layers, width {o.Encoder.Width}, {o.Encoder.Heads} heads."));
        sb.AppendLine();
        sb.Append(table.ToMarkdown());
        return sb.ToString();
    }
}
