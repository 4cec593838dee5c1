using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using SerKit.Attributes;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Extraction;
using SerKit.Face;
using SerKit.Inference;
using SerKit.Labels;
using SerKit.IO;
using SerKit.Pretext;
using SerKit.Runtime;
using SerKit.Synthetic;
using SerKit.Training;

namespace SerKit.Experiments;

/// <summary>
/// Runs a whole study from a <see cref="Recipe"/> into an experiment folder (<see cref="ExperimentLayout"/>, docs/experiments.md):
/// <list type="number">
/// <item>the labelled corpus (CREMA-D, a manifest or the generated demo corpus), its classes only, and the speaker-independent folds;</item>
/// <item>each pre-training corpus (a folder of videos, a manifest, the demo corpus's unlabelled part), with its own ids;</item>
/// <item>features of every corpus, extracted once (training reads them, never decoding again);</item>
/// <item>face tracks of the corpora that have videos but no ready tracks;</item>
/// <item>pretext labels per corpus (median splits within each corpus), combined into the set each encoder is pre-trained on:
/// one shared set, or one per fold when the labelled corpus's training speakers' videos join in;</item>
/// <item>pre-training per condition (and per fold);</item>
/// <item>fine-tuning and evaluation of every condition × label fraction × fold × seed, every condition on the same folds,
/// seeds and label subsets (paired runs);</item>
/// <item><c>protocol.json</c> (before training) and the report.</item>
/// </list>
/// Every stage leaves a <c>done.json</c> (or its final file) when complete and is skipped when run again, so a killed
/// run continues where it stopped and finished outputs are never recomputed. Utterances a stage cannot use (bad media)
/// are left out and listed in <see cref="ExperimentResult.Failures"/> and <c>failures.csv</c>; the run goes on.
/// Training runs go in parallel (<see cref="Recipe.Workers"/>), each with one libtorch thread, so results do not depend
/// on the number of workers.
/// </summary>
public sealed class ExperimentRunner
{
    private const string DoneFile = ExperimentLayout.DoneFile;

    private static readonly IReadOnlySet<string> VideoExtensions = new HashSet<string>(StringComparer.Ordinal)
    {
        ".mp4", ".m4v", ".mov", ".mkv", ".avi", ".flv", ".webm", ".mpg", ".mpeg", ".3gp", ".wmv", ".ts",
    };

    private readonly Recipe _recipe;
    private readonly ExperimentRunOptions _options;
    private readonly IReadOnlyList<ExperimentCondition> _conditions;
    private readonly IReadOnlyList<AttributeCondition> _attributeConditions;
    private readonly IReadOnlyList<ExperimentCondition> _pretrainings;
    private readonly IReadOnlyList<string> _tasks;
    private readonly ConcurrentQueue<ExperimentFailure> _failures = new();
    private DemoCorpusResult? _demo;

    /// <summary>Prepares a run of <paramref name="recipe"/> into <paramref name="outputDirectory"/>; throws <see cref="ArgumentException"/> naming the recipe key of a bad setting.</summary>
    public ExperimentRunner(Recipe recipe, string outputDirectory, ExperimentRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validate();
        _recipe = recipe;
        _options = options ?? new ExperimentRunOptions();
        _conditions = recipe.ResolveConditions();
        _attributeConditions = recipe.Attributes.ResolveConditions();
        _pretrainings = recipe.ResolvePretrainings();
        _tasks = _pretrainings.SelectMany(c => c.Tasks).Distinct().Order(StringComparer.Ordinal).ToArray();
        Layout = new ExperimentLayout(outputDirectory);

        var folders = recipe.LabelFractions.GroupBy(ExperimentLayout.LabelsFolder).FirstOrDefault(g => g.Count() > 1);
        if (folders != null)
            throw new ArgumentException($"label_fractions: {string.Join(" and ", folders.Select(f => f.ToString(CultureInfo.InvariantCulture)))} give the same folder {folders.Key}; use fractions whose percentages differ");
        if (recipe.LabelFractions.Any(f => ExperimentLayout.LabelsFolder(f) == "labels0"))
            throw new ArgumentException("label_fractions: a fraction below 0.005 rounds to 0 %");
        for (int i = 0; i < recipe.PretrainingData.Corpora.Count; i++)
        {
            var c = recipe.PretrainingData.Corpora[i];
            if (c.Name == ExperimentLayout.Labelled)
                throw new ArgumentException($"pretraining_data.corpora[{i}].name: '{c.Name}' is the labelled corpus's folder name (features/labelled, faces/labelled); choose another");
            if (c.Kind == PretrainingCorpusKind.Demo && recipe.Labelled.Format != LabelledCorpusFormat.Demo)
                throw new ArgumentException($"pretraining_data.corpora[{i}].kind: 'demo' is the unlabelled part of the generated corpus and needs labelled.format demo");
        }
    }

    /// <summary>The recipe being run.</summary>
    public Recipe Recipe => _recipe;

    /// <summary>The files of the experiment folder.</summary>
    public ExperimentLayout Layout { get; }

    /// <summary>
    /// Recipe keys that choose how or which part of a study runs, never what a result is: they may differ between runs
    /// into one folder.
    /// </summary>
    public static IReadOnlySet<string> RunOnlyKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "workers", "folds.only", "labelled.demo.threads" };

    private int Workers => _recipe.Workers > 0 ? _recipe.Workers : Environment.ProcessorCount;

    private bool Pretrains => _pretrainings.Count > 0;

    /// <summary>True when an attribute condition clusters the pre-training corpora's utterances.</summary>
    private bool ClustersUnlabelled => _attributeConditions.Any(c => c.Unlabelled);

    private bool NeedsFaces => _tasks.Contains("t2") || _tasks.Contains("t3");

    private bool PerFold => _recipe.PretrainingData.LabelledTrainVideos;

    /// <summary>The fold numbers this run covers (<see cref="FoldsRecipe.Only"/>, or all).</summary>
    public IReadOnlyList<int> FoldNumbers =>
        _recipe.Folds.Only.Count > 0 ? _recipe.Folds.Only.Distinct().Order().ToArray() : Enumerable.Range(1, _recipe.Folds.Count).ToArray();

    /// <summary>Runs (or continues) the study and writes the report.</summary>
    /// <exception cref="RecipeMismatchException">The folder holds another recipe's results (see <see cref="ExperimentRunOptions.Restart"/>).</exception>
    public ExperimentResult Run(IProgress<ExperimentProgress>? progress = null, CancellationToken cancellation = default)
    {
        PrepareFolder();
        var meter = new ExperimentMeter(progress,
        [
            ("corpus", 2), ("features", 8), ("faces", Pretrains && NeedsFaces ? 15 : 0), ("pretext", Pretrains ? 3 : 0),
            ("pretrain", Pretrains ? 30 : 0), ("finetune", _conditions.Count > 0 ? 45 : 0), ("attributes", _attributeConditions.Count > 0 ? 45 : 0), ("report", 1),
        ]);

        // 1. Labelled corpus and folds; 2. pre-training corpora.
        meter.Report("corpus", 0, "reading the labelled corpus");
        var labelled = LabelledCorpus(meter, cancellation);
        var folds = Folds(labelled);
        var corpora = Pretrains || ClustersUnlabelled ? PretrainingCorpora(meter, cancellation) : [];
        var labelledFaces = Pretrains && PerFold ? LabelledVideos(labelled, folds) : null;
        if (Pretrains && NeedsFaces && (corpora.Any(c => c.MakesFaces) || labelledFaces?.MakesFaces == true)) CheckFaceModels();
        meter.Report("corpus", 1, $"{labelled.Items.Count} labelled utterances, {labelled.Speakers.Count} speakers" +
            string.Concat(corpora.Select(c => $"; {c.Name}: {c.Manifest.Items.Count} unlabelled")));

        // 3. Features.
        var toExtract = new List<(string Name, Manifest Manifest)> { (ExperimentLayout.Labelled, labelled) };
        toExtract.AddRange(corpora.Select(c => (c.Name, c.Manifest)));
        var featured = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        for (int i = 0; i < toExtract.Count; i++)
        {
            var (name, manifest) = toExtract[i];
            int k = i;
            featured[name] = Extract(name, manifest, f => meter.Report("features", (k + f) / toExtract.Count, $"{name}: features"), cancellation);
        }
        if (featured[ExperimentLayout.Labelled].Count == 0)
            throw new InvalidDataException($"{Layout.Features(ExperimentLayout.Labelled)}: no labelled utterance could be read (see failures.csv there)");

        // 4. Face tracks, 5. pretext labels.
        var sets = new List<PretrainingSet>();
        if (Pretrains)
        {
            if (NeedsFaces)
            {
                var faceRuns = corpora.Where(c => c.MakesFaces).ToList();
                if (labelledFaces?.MakesFaces == true) faceRuns.Add(labelledFaces);
                for (int i = 0; i < faceRuns.Count; i++)
                {
                    int k = i;
                    Faces(faceRuns[i], f => meter.Report("faces", (k + f) / faceRuns.Count, $"{faceRuns[k].Name}: face tracks"), cancellation);
                }
            }
            sets.AddRange(PretextSets(corpora, labelledFaces, labelled, folds, featured, meter, cancellation));
        }

        // 8 (first half). The protocol, before any training.
        WriteProtocol(labelled, folds, corpora, featured);

        // 6. Pre-training, one encoder per condition (and per fold), in parallel.
        // Conditions that differ only in their labels share one encoder.
        var pretrainJobs = (from c in _pretrainings from s in sets select (Condition: c, Set: s)).ToList();
        var pretrainDone = new double[pretrainJobs.Count];
        RunParallel(pretrainJobs.Count, i =>
        {
            var (c, set) = pretrainJobs[i];
            var where = set.Fold is { } f ? $"{c.Name}, fold {f}" : c.Name;
            Pretrain(c, set, new SynchronousProgress<TrainingProgress>(p =>
            {
                lock (pretrainDone)
                {
                    pretrainDone[i] = p.Fraction;
                    meter.Report("pretrain", pretrainDone.Average(), $"{where}: {p.Status}");
                }
            }), cancellation);
            lock (pretrainDone) pretrainDone[i] = 1;
        }, cancellation);

        // 7. Fine-tuning and evaluation.
        var labelledFeatured = featured[ExperimentLayout.Labelled];
        var classes = _recipe.Labelled.Classes.ToHashSet(StringComparer.Ordinal);
        var usable = labelled.Where(u => labelledFeatured.Contains(u.Id) && u.Label is not null && classes.Contains(u.Label));
        var votes = _recipe.Labels.Votes is { } votesFile ? VoteTableFile.Read(votesFile, _recipe.Labels.VotesFormat, _recipe.Labels.Ratings) : null;
        if (_conditions.Any(c => c.Penalty))
            foreach (var fold in FoldNumbers) PenaltyFor(fold, folds.Select(usable, fold, FoldSplit.Train), votes);
        int fineTuningRuns = RunGrid(_conditions, c => c.Name, meter, "finetune", "fine-tuning runs",
            (c, fraction, fold, seed) => FineTuneAndEvaluate(c, fraction, fold, seed, folds, usable, votes, cancellation), cancellation);

        // 7 (attributes). The attribute study: regressor and DeepEmoCluster runs on the same folds, seeds and label fractions.
        int attributeRuns = RunAttributes(labelled.Where(u => labelledFeatured.Contains(u.Id) && HasAttributes(u)), folds, corpora, featured, meter, cancellation);

        // 8. Report.
        meter.Report("report", 0, "writing the report");
        WriteReport();
        var failures = WriteFailures();
        meter.Done($"results in {Layout.ResultsMarkdown}" + (failures.Count > 0 ? $"; {failures.Count} utterance(s) left out, see {Path.Combine(Layout.Directory, "failures.csv")}" : ""));
        return new ExperimentResult(Layout.Directory, Layout.ResultsMarkdown, Layout.ResultsJson, fineTuningRuns, failures) { AttributeRuns = attributeRuns };
    }

    // ---- the folder and its recipe ----

    /// <summary>Refuses a folder holding another recipe's results or unrelated files (unless restarting), then saves the recipe.</summary>
    private void PrepareFolder()
    {
        var dir = Layout.Directory;
        Directory.CreateDirectory(dir);
        var saved = Layout.Recipe;
        var source = _options.RecipeSource is { } s ? Path.GetFullPath(s) : "the recipe being run";
        if (File.Exists(saved))
        {
            IReadOnlyList<string> differences;
            try { differences = Differences(RecipeFile.Load(saved), _recipe); }
            catch (Exception e) when (e is RecipeException or IOException) { differences = [$"(the saved recipe cannot be read: {e.Message})"]; }
            if (differences.Count > 0 && !_options.Restart)
                throw new RecipeMismatchException(saved, differences,
                    $"{saved} holds the results of a different recipe than {source}; keys that differ (saved → now): {string.Join("; ", differences)}. "
                    + "Pass --restart to discard the earlier results and start over, or choose another output folder.");
            if (differences.Count > 0) Clean();
        }
        else if (Directory.EnumerateFileSystemEntries(dir).Any())
        {
            if (!_options.Restart)
                throw new RecipeMismatchException(saved, [],
                    $"{dir} is not empty and holds no {RecipeFile.ResolvedFileName}, so it is not an experiment folder; choose an empty or new folder "
                    + "(or pass --restart to remove what an earlier run of SerKit wrote there and start over)");
            Clean();
        }
        RecipeFile.Save(_recipe, saved);
    }

    /// <summary>The keys whose values differ (<c>key.path: saved → now</c>), <see cref="RunOnlyKeys"/> left out.</summary>
    internal static IReadOnlyList<string> Differences(Recipe saved, Recipe current)
    {
        var (a, b) = (RecipeFile.ToTree(saved), RecipeFile.ToTree(current));
        static string Show(JsonNode? node)
        {
            var text = node?.ToJsonString() ?? "null";
            return text.Length <= 80 ? text : text[..77] + "...";
        }
        static JsonNode? At(JsonObject tree, string key)
        {
            JsonNode? node = tree;
            foreach (var part in key.Split('.')) node = (node as JsonObject)?[part];
            return node;
        }
        return RecipeFile.Differences(saved, current).Where(k => !RunOnlyKeys.Contains(k))
            .Select(k => $"{k}: {Show(At(a, k))} → {Show(At(b, k))}").ToArray();
    }

    private void Clean()
    {
        foreach (var entry in ExperimentLayout.Entries)
        {
            var path = Path.Combine(Layout.Directory, entry);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
    }

    // ---- 1 and 2: corpora ----

    private Manifest LabelledCorpus(ExperimentMeter meter, CancellationToken cancellation)
    {
        var path = Layout.LabelledManifest;
        var done = Path.Combine(Path.GetDirectoryName(path)!, DoneFile);
        if (File.Exists(done)) return LoadFrozen(path, done);
        var l = _recipe.Labelled;
        var source = l.Format switch
        {
            LabelledCorpusFormat.CremaD => CremaD.Load(l.Root!, l.LabelRule, new CremaDOptions { Ratings = l.Ratings }),
            LabelledCorpusFormat.Manifest => Manifest.Load(l.Manifest!, l.ManifestFormat ?? ManifestFormat.Auto, l.Root),
            _ => DemoCorpusFiles(meter, cancellation).Labelled,
        };
        var classes = l.Classes.ToHashSet(StringComparer.Ordinal);
        bool ser = _conditions.Count > 0, attributes = _attributeConditions.Count > 0;
        if (attributes)
        {
            var columns = source.Items.SelectMany(u => u.Extra.Keys).ToHashSet(StringComparer.Ordinal);
            var absent = _recipe.Attributes.Names.Where(a => !columns.Contains(a)).ToArray();
            if (absent.Length > 0)
                throw new InvalidDataException($"{source.Source ?? source.Root}: the attribute study needs the column(s) {string.Join(", ", absent)} (attributes.names), which the labelled corpus does not have");
        }
        // SER keeps the utterances labelled with one of the classes; the attribute study those with every attribute.
        var kept = source.Where(u => (ser && u.Label is not null && classes.Contains(u.Label)) || (attributes && HasAttributes(u)));
        if (ser && !kept.Items.Any(u => u.Label is not null && classes.Contains(u.Label)))
            throw new InvalidDataException($"{source.Source ?? source.Root}: no utterance is labelled with one of labelled.classes ({string.Join(", ", l.Classes)}); labels found: {string.Join(", ", source.Labels)}");
        if (attributes && !kept.Items.Any(HasAttributes))
            throw new InvalidDataException($"{source.Source ?? source.Root}: no utterance has a value for every attribute ({string.Join(", ", _recipe.Attributes.Names)})");
        return Freeze(kept, path, done, new JsonObject { ["source"] = source.Source ?? source.Root, ["left_out"] = source.Items.Count - kept.Items.Count });
    }

    private DemoCorpusResult DemoCorpusFiles(ExperimentMeter meter, CancellationToken cancellation)
    {
        if (_demo is not null) return _demo;
        var dir = Layout.DemoCorpus;
        var done = Path.Combine(dir, DoneFile);
        if (File.Exists(done))
            return _demo = new DemoCorpusResult(dir, Manifest.Load(Path.Combine(dir, "labelled.csv")), Manifest.Load(Path.Combine(dir, "unlabelled.csv")), 0, 0, 0);
        // A generation killed before its end leaves media but no corpus.json, which DemoCorpus refuses: the folder is ours, start it over.
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var result = DemoCorpus.Write(dir, _recipe.Labelled.Demo, new SynchronousProgress<DemoCorpusProgress>(p =>
            meter.Report("corpus", p.Total == 0 ? 1 : 0.9 * p.Done / p.Total, "generating the audiovisual demo corpus")), cancellation);
        WriteDone(done, new JsonObject { ["labelled"] = result.Labelled.Items.Count, ["unlabelled"] = result.Unlabelled.Items.Count });
        return _demo = result;
    }

    private SpeakerFolds Folds(Manifest labelled)
    {
        var f = _recipe.Folds;
        FoldSizes sizes;
        try { sizes = FoldSizes.Resolve(labelled.Speakers.Count, f.Train, f.Valid, f.Test); }
        catch (ArgumentException e) { throw new ArgumentException($"folds: {e.Message} (the labelled corpus has {labelled.Speakers.Count} speakers)", e); }
        var folds = SpeakerFolds.Create(labelled, f.Count, sizes, f.Seed);
        if (!File.Exists(Path.Combine(Layout.Folds, SpeakerFolds.FileName))) folds.Write(labelled, Layout.Folds);
        return folds;
    }

    private IReadOnlyList<PreparedCorpus> PretrainingCorpora(ExperimentMeter meter, CancellationToken cancellation)
    {
        var list = new List<PreparedCorpus>();
        var corpora = _recipe.PretrainingData.Corpora;
        for (int i = 0; i < corpora.Count; i++)
        {
            var c = corpora[i];
            var path = Layout.UnlabelledManifest(c.Name);
            var done = Path.Combine(Path.GetDirectoryName(path)!, DoneFile);
            Manifest manifest;
            if (File.Exists(done)) manifest = LoadFrozen(path, done);
            else
            {
                meter.Report("corpus", 0.9, $"reading pre-training corpus {c.Name}");
                var source = c.Kind switch
                {
                    PretrainingCorpusKind.Videos => FolderCorpus.Scan(c.Root!, null,
                        new FolderCorpusOptions { SpeakerFromFolder = c.SpeakerFromFolder, Extensions = VideoExtensions }),
                    PretrainingCorpusKind.Manifest => Manifest.Load(c.Manifest!, ManifestFormat.Auto, c.Root),
                    _ => DemoCorpusFiles(meter, cancellation).Unlabelled,
                };
                if (source.Items.Count == 0)
                    throw new InvalidDataException($"{source.Source ?? source.Root}: pre-training corpus {c.Name} (pretraining_data.corpora[{i}]) has no utterance");
                var kept = source;
                if (c.Limit > 0 && source.Items.Count > c.Limit)
                {
                    var first = source.Items.Select(u => u.Id).Order(StringComparer.Ordinal).Take(c.Limit).ToHashSet(StringComparer.Ordinal);
                    kept = source.Where(u => first.Contains(u.Id));
                }
                manifest = Freeze(kept, path, done, new JsonObject { ["source"] = source.Source ?? source.Root, ["left_out"] = source.Items.Count - kept.Items.Count });
            }
            var faces = c.Faces is { } given ? Path.GetFullPath(given)
                : c.Kind == PretrainingCorpusKind.Demo ? Path.Combine(Layout.DemoCorpus, "faces")
                : Layout.Faces(c.Name);
            // A manifest whose every row names its face track (the 'face' column, as PretextLabeler reads it) needs no tracking.
            bool ready = c.Kind == PretrainingCorpusKind.Manifest && manifest.Items.All(u => u.Extra.TryGetValue(FaceColumn, out var f) && !string.IsNullOrWhiteSpace(f));
            list.Add(ready && c.Faces is null
                ? new PreparedCorpus(c.Name, manifest, null, false)
                : new PreparedCorpus(c.Name, manifest, faces, c.Faces is null && c.Kind != PretrainingCorpusKind.Demo));
        }
        return list;
    }

    /// <summary>
    /// The labelled corpus's videos that may join pre-training: those of speakers who train in some fold (tracks are made
    /// for them; each fold's pretext set then takes only its own training speakers). Utterances with a <c>video</c> column
    /// are its videos; without any such column every utterance's own file is taken as its video.
    /// </summary>
    private PreparedCorpus LabelledVideos(Manifest labelled, SpeakerFolds folds)
    {
        var trainers = FoldNumbers.SelectMany(k => folds.Folds[k - 1].Train).ToHashSet(StringComparer.Ordinal);
        bool hasVideos = labelled.Items.Any(HasVideo);
        var manifest = labelled.Where(u => u.Speaker is not null && trainers.Contains(u.Speaker) && (!hasVideos || HasVideo(u)));
        if (_recipe.Labelled.Format == LabelledCorpusFormat.Demo)
            return new PreparedCorpus(ExperimentLayout.Labelled, manifest, Path.Combine(Layout.DemoCorpus, "faces"), false);
        return new PreparedCorpus(ExperimentLayout.Labelled, manifest, Layout.Faces(ExperimentLayout.Labelled), true);
    }

    /// <summary>True when the utterance has a non-empty value in every attribute column of the recipe.</summary>
    private bool HasAttributes(Utterance u) =>
        _recipe.Attributes.Names.All(a => u.Extra.TryGetValue(a, out var v) && !string.IsNullOrWhiteSpace(v));

    /// <summary>The manifest column naming an utterance's ready face track (<see cref="PretextOptions.FaceColumn"/>'s default).</summary>
    private static readonly string FaceColumn = new PretextOptions().FaceColumn;

    private static bool HasVideo(Utterance u) => u.Extra.TryGetValue("video", out var v) && !string.IsNullOrWhiteSpace(v);

    /// <summary>Saves a manifest as used and a marker holding its root (paths in the file are relative to it).</summary>
    private static Manifest Freeze(Manifest manifest, string path, string done, JsonObject facts)
    {
        manifest.Save(path, ManifestFormat.SerKitCsv);
        facts["root"] = Path.GetRelativePath(Path.GetDirectoryName(path)!, manifest.Root).Replace('\\', '/');
        facts["utterances"] = manifest.Items.Count;
        WriteDone(done, facts);
        return Manifest.Load(path, ManifestFormat.SerKitCsv, manifest.Root);
    }

    private static Manifest LoadFrozen(string path, string done)
    {
        var facts = JsonNode.Parse(File.ReadAllText(done)) as JsonObject;
        var root = facts?["root"]?.GetValue<string>() ?? throw new InvalidDataException($"{done}: no root recorded");
        return Manifest.Load(path, ManifestFormat.SerKitCsv, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, root)));
    }

    // ---- 3 and 4: features and face tracks ----

    /// <summary>Extracts the features of a corpus (once) and returns the ids that have them.</summary>
    private IReadOnlySet<string> Extract(string corpus, Manifest manifest, Action<double> progress, CancellationToken cancellation)
    {
        var dir = Layout.Features(corpus);
        var done = Path.Combine(dir, DoneFile);
        if (!File.Exists(done))
        {
            var job = new FeatureExtractionJob(manifest, new ExtractionOptions
            {
                Features = [_recipe.Features.ToOptions()],
                OutputDirectory = dir,
                Workers = Workers,
            });
            var s = job.Run(new SynchronousProgress<ExtractionProgress>(p => progress(p.Total == 0 ? 1 : (double)p.Finished / p.Total)), cancellation);
            WriteDone(done, new JsonObject { ["utterances"] = s.Total, ["failed"] = s.Failures.Count, ["audio_hours"] = Math.Round(s.AudioSeconds / 3600, 4) });
        }
        AddFailures("features", corpus, Path.Combine(dir, "failures.csv"));
        return FeatureIndex.Read(Layout.FeatureIndex(corpus)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
    }

    private void Faces(PreparedCorpus corpus, Action<double> progress, CancellationToken cancellation)
    {
        var folder = corpus.FacesDirectory ?? throw new InvalidOperationException($"corpus {corpus.Name} has no faces folder to fill");
        var done = Path.Combine(folder, DoneFile);
        if (!File.Exists(done))
        {
            var s = new FaceBatchJob(corpus.Manifest, FaceOptions(folder))
                .Run(new SynchronousProgress<FaceBatchProgress>(p => progress(p.Total == 0 ? 1 : (double)p.Finished / p.Total)), cancellation);
            WriteDone(done, new JsonObject { ["videos"] = s.Total, ["failed"] = s.Failures.Count, ["frames"] = s.Frames });
        }
        AddFailures("faces", corpus.Name, Path.Combine(folder, "failures.csv"));
    }

    /// <summary>The face front-end's settings from the recipe's <c>faces</c> section; the one place they are set.</summary>
    private FaceBatchOptions FaceOptions(string outputDirectory) => new()
    {
        OutputDirectory = outputDirectory,
        ModelPath = _recipe.Faces.Model,
        CascadePath = _recipe.Faces.Cascade,
        Workers = Workers,
        Video = new FaceVideoOptions { Every = _recipe.Faces.Every },
        Neutral = _recipe.Faces.Neutral, // AU neutral pooled per speaker (short clips) or per video; see FaceBatchOptions.Neutral
    };

    private void CheckFaceModels()
    {
        if (!File.Exists(_recipe.Faces.Model))
            throw new FileNotFoundException($"faces.model: {_recipe.Faces.Model} not found (dlib's shape_predictor_68_face_landmarks.dat, Debian package libdlib-data)", _recipe.Faces.Model);
        if (!File.Exists(_recipe.Faces.Cascade))
            throw new FileNotFoundException($"faces.cascade: {_recipe.Faces.Cascade} not found (an OpenCV face cascade, Debian package opencv-data)", _recipe.Faces.Cascade);
    }

    // ---- 5: pretext labels ----

    private IReadOnlyList<PretrainingSet> PretextSets(IReadOnlyList<PreparedCorpus> corpora, PreparedCorpus? labelledVideos, Manifest labelled,
        SpeakerFolds folds, IReadOnlyDictionary<string, IReadOnlySet<string>> featured, ExperimentMeter meter, CancellationToken cancellation)
    {
        var rules = _recipe.Pretext.Rules is { } file ? AuRuleTable.Load(file) : AuRuleTable.Default;
        int partCount = corpora.Count + (labelledVideos is null ? 0 : FoldNumbers.Count), partsDone = 0;
        void Step(string what, double f) => meter.Report("pretext", (partsDone + f) / Math.Max(1, partCount), what);

        var shared = new List<(PreparedCorpus Corpus, PretextLabelSet Labels, string Folder)>();
        foreach (var c in corpora)
        {
            var usable = c with { Manifest = c.Manifest.Where(u => featured[c.Name].Contains(u.Id)) };
            shared.Add((usable, Part(ExperimentLayout.SharedSet, usable, rules, f => Step($"{c.Name}: pretext labels", f), cancellation),
                Layout.PretextPart(ExperimentLayout.SharedSet, c.Name)));
            partsDone++;
        }
        var sets = new List<PretrainingSet>();
        if (shared.Count > 0)
        {
            var set = Combine(ExperimentLayout.SharedSet, null, shared);
            if (labelledVideos is null) sets.Add(set);
        }
        if (labelledVideos is not null)
        {
            foreach (int k in FoldNumbers)
            {
                var train = folds.Folds[k - 1].Train.ToHashSet(StringComparer.Ordinal);
                var own = labelledVideos with
                {
                    Manifest = labelledVideos.Manifest.Where(u => train.Contains(u.Speaker!) && featured[ExperimentLayout.Labelled].Contains(u.Id)),
                };
                var name = ExperimentLayout.FoldSet(k);
                var part = Part(name, own, rules, f => Step($"fold {k}: pretext labels of the training speakers' videos", f), cancellation);
                partsDone++;
                sets.Add(Combine(name, k, [.. shared, (own, part, Layout.PretextPart(name, own.Name))]));
            }
        }
        return sets;
    }

    /// <summary>The pretext labels of one corpus (its own median splits), computed once into the set's <c>corpora/&lt;name&gt;</c>.</summary>
    private PretextLabelSet Part(string set, PreparedCorpus corpus, AuRuleTable rules, Action<double> progress, CancellationToken cancellation)
    {
        var dir = Layout.PretextPart(set, corpus.Name);
        var done = Path.Combine(dir, DoneFile);
        PretextLabelSet labels;
        if (File.Exists(done)) labels = PretextLabelSet.Read(dir);
        else
        {
            if (corpus.Manifest.Items.Count == 0) throw new InvalidDataException($"{dir}: corpus {corpus.Name} has no utterance with features for pretext labels");
            bool faces = NeedsFaces;
            var options = new PretextOptions
            {
                Tasks = _tasks.Aggregate(PretextTasks.None, (t, name) => t | name switch { "t1" => PretextTasks.T1, "t2" => PretextTasks.T2, _ => PretextTasks.T3 }),
                Energy = _recipe.Pretext.Energy,
                Face = _recipe.Pretext.Face,
                Rules = rules,
                FacesDirectory = faces ? corpus.FacesDirectory : null,
                Workers = Workers,
            };
            var result = new PretextLabeler(corpus.Manifest, options)
                .Run(new SynchronousProgress<PretextProgress>(p => progress(p.Total == 0 ? 1 : (double)p.Done / p.Total)), cancellation);
            PretextOutput.Write(dir, result);
            WriteDone(done, new JsonObject { ["utterances"] = result.Labels.Items.Count, ["problems"] = result.Summary.Problems.Count });
            labels = result.Labels;
        }
        if (labels.Details["problems"] is JsonArray problems)
            foreach (var p in problems.OfType<JsonObject>())
                _failures.Enqueue(new ExperimentFailure("pretext", corpus.Name, p["id"]?.GetValue<string>() ?? "", p["message"]?.GetValue<string>() ?? ""));
        return labels;
    }

    /// <summary>
    /// Joins the corpora's labels and manifests into one set, ids (and speakers) as <c>corpus/id</c>
    /// (<see cref="CombinedFeatureSource.Key"/>); the labelled corpus's emotion labels are dropped.
    /// </summary>
    private PretrainingSet Combine(string name, int? fold, IReadOnlyList<(PreparedCorpus Corpus, PretextLabelSet Labels, string Folder)> parts)
    {
        var dir = Layout.PretextSet(name);
        var manifestPath = Path.Combine(dir, "manifest.csv");
        var classes = parts[0].Labels.T3Classes;
        var manifest = CombinedManifest(parts.Select(p => (p.Corpus.Name, p.Corpus.Manifest)), manifestPath);
        var indexes = parts.ToDictionary(p => p.Corpus.Name, p => Layout.FeatureIndex(p.Corpus.Name), StringComparer.Ordinal);

        var done = Path.Combine(dir, DoneFile);
        if (File.Exists(done)) return new PretrainingSet(name, fold, manifest, PretextLabelSet.Read(dir), indexes);
        foreach (var p in parts)
            if (!p.Labels.T3Classes.SequenceEqual(classes, StringComparer.Ordinal))
                throw new InvalidDataException($"{Layout.PretextPart(name, p.Corpus.Name)}: T3 classes differ from those of {parts[0].Corpus.Name}");
        var details = new JsonObject
        {
            ["set"] = name,
            ["fold"] = fold,
            ["id_scheme"] = "corpus/id",
            ["corpora"] = new JsonObject(parts.Select(p => KeyValuePair.Create(p.Corpus.Name, (JsonNode?)new JsonObject
            {
                ["utterances"] = p.Labels.Items.Count,
                ["labels"] = Path.GetRelativePath(dir, p.Folder).Replace('\\', '/'),
                ["counts"] = p.Labels.Details["counts"]?.DeepClone(),
                ["medians"] = p.Labels.Details["medians"]?.DeepClone(),
            }))),
        };
        var labels = new PretextLabelSet(classes,
            parts.SelectMany(p => p.Labels.Items.Select(l => l with { Id = CombinedFeatureSource.Key(p.Corpus.Name, l.Id) })), details);
        manifest.Save(manifestPath, ManifestFormat.SerKitCsv);
        labels.Write(dir);
        WriteDone(done, new JsonObject { ["utterances"] = labels.Items.Count });
        return new PretrainingSet(name, fold, manifest, labels, indexes);
    }

    /// <summary>Corpora's utterances in one manifest, ids (and speakers) as <c>corpus/id</c> (<see cref="CombinedFeatureSource.Key"/>), no labels.</summary>
    private static Manifest CombinedManifest(IEnumerable<(string Name, Manifest Manifest)> corpora, string source)
    {
        var list = corpora.ToList();
        var root = CommonRoot(list.Select(c => c.Manifest.Root));
        var builder = new ManifestBuilder(root, source);
        foreach (var (name, m) in list)
            foreach (var u in m.Items)
                builder.Add(new Utterance(CombinedFeatureSource.Key(name, u.Id),
                    Path.GetRelativePath(root, m.FullPath(u)).Replace('\\', '/'),
                    u.Speaker is null ? null : CombinedFeatureSource.Key(name, u.Speaker), null) { Duration = u.Duration }, name);
        return builder.Build();
    }

    private static string CommonRoot(IEnumerable<string> roots)
    {
        string[]? common = null;
        foreach (var root in roots)
        {
            var parts = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar);
            common = common is null ? parts : common.Zip(parts).TakeWhile(p => p.First == p.Second).Select(p => p.First).ToArray();
        }
        var joined = string.Join(Path.DirectorySeparatorChar, common ?? []);
        return joined.Length == 0 ? Path.GetPathRoot(Path.GetFullPath("."))! : joined;
    }

    // ---- 6 and 7: training ----

    private void Pretrain(ExperimentCondition c, PretrainingSet set, IProgress<TrainingProgress> progress, CancellationToken cancellation)
    {
        var dir = Layout.Pretrain(c, set.Fold);
        var done = Path.Combine(dir, DoneFile);
        if (File.Exists(done)) return;
        var outcome = Pretraining.Run(new PretrainingRequest(set.Manifest, set.Labels, dir)
        {
            Tasks = c.Tasks,
            Weights = c.Tasks.Select(_recipe.Pretext.WeightOf).ToArray(),
            Encoder = _recipe.Model,
            Options = _recipe.Pretraining with { Threads = 1 },
            Features = new FeatureInput { Settings = _recipe.Features, ExtractedCorpora = set.FeatureIndexes },
            Resume = true,
        }, progress, cancellation);
        WriteDone(done, new JsonObject { ["pretext_set"] = set.Name, ["epochs"] = outcome.EpochsRun, ["kept_epoch"] = outcome.KeptEpoch });
    }

    /// <summary>
    /// The co-occurrence penalty of fold <paramref name="fold"/>, counted on its training speakers' votes only (never on its
    /// validation or test speakers): <c>penalty/fold&lt;k&gt;/cooccurrence.json</c> and its heatmap.
    /// </summary>
    private string PenaltyFor(int fold, Manifest train, VoteTable? votes)
    {
        var path = Layout.Penalty(fold);
        if (File.Exists(path)) return path;
        var classes = _recipe.Labelled.Classes;
        VoteTable table;
        if (votes != null)
            table = new VoteTable(train.Items.Select(u => votes.Find(u.Id)).OfType<UtteranceVotes>(), votes.Source);
        else
        {
            // The manifest's tabulated counts: n votes for a class become n raters who chose it.
            var counts = ManifestVotes.TryRead(train, classes)
                ?? throw new ArgumentException($"{Layout.LabelledManifest}: a condition uses the co-occurrence penalty, but the labelled corpus has no votes_<CLASS> columns; give labels.votes");
            table = new VoteTable(counts.Where(p => p.Value is not null).Select(p => new UtteranceVotes(p.Key,
                classes.SelectMany((c, k) => Enumerable.Range(0, (int)Math.Round(p.Value![k])).Select(_ => c))
                    .Select((c, r) => new RaterVote("r" + r.ToString(CultureInfo.InvariantCulture), [c])).ToArray())), Layout.LabelledManifest);
        }
        if (table.Utterances.Count == 0) throw new ArgumentException($"fold {fold}: no training utterance has votes for the co-occurrence penalty");
        var matrix = CooccurrenceMatrix.Compute(table, classes, new CooccurrenceOptions { Counting = _recipe.Labels.Counting, Normalization = _recipe.Labels.Normalization });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        CooccurrencePlots.HeatmapPng(Path.ChangeExtension(path, ".png"), matrix, $"co-occurrence penalty, fold {fold} training speakers");
        matrix.Save(path);
        return path;
    }

    private void FineTuneAndEvaluate(ExperimentCondition c, double fraction, int fold, long seed, SpeakerFolds folds, Manifest labelled, VoteTable? votes,
        CancellationToken cancellation)
    {
        var dir = Layout.Run(c, fraction, fold, seed);
        if (File.Exists(Path.Combine(dir, ResultsFiles.ResultsFileName))) return;
        var model = Path.Combine(dir, "model");
        var features = new FeatureInput { Settings = _recipe.Features, ExtractedIndex = Layout.FeatureIndex(ExperimentLayout.Labelled), CacheBytes = 0 };
        FineTuning.Run(new FineTuningRequest(folds.Select(labelled, fold, FoldSplit.Train), folds.Select(labelled, fold, FoldSplit.Valid), model)
        {
            EncoderDirectory = c.IsBaseline ? null : Layout.Pretrain(c, PerFold ? fold : null),
            Classes = _recipe.Labelled.Classes,
            LabelFraction = fraction,
            Encoder = _recipe.Model,
            Options = _recipe.FineTuning with { Seed = seed, Threads = 1 },
            Features = features,
            Resume = true,
            LabelType = c.LabelType,
            Votes = votes,
            PenaltyFile = c.Penalty ? Layout.Penalty(fold) : null,
            Alpha = c.Penalty ? _recipe.Labels.Alpha : null,
        }, null, cancellation);
        var info = new EvaluationInfo(_recipe.Name, true, fold, seed, c.Name, "test", fraction);
        ModelEvaluation.WriteResults(model, folds.Select(labelled, fold, FoldSplit.Test), dir, features, info, threads: 1, votes);
    }

    /// <summary>
    /// The attribute study: every attribute condition × label fraction × fold × seed trained on the fold's training speakers (early stopping
    /// on its validation speakers) and tested on its test speakers, the same folds, seeds and label subsets for every condition. The
    /// <c>+unlabelled</c> conditions cluster the pre-training corpora's utterances too (features from their extractions, ids
    /// <c>corpus/id</c>). Returns the number of runs.
    /// </summary>
    private int RunAttributes(Manifest rated, SpeakerFolds folds, IReadOnlyList<PreparedCorpus> corpora,
        IReadOnlyDictionary<string, IReadOnlySet<string>> featured, ExperimentMeter meter, CancellationToken cancellation)
    {
        if (_attributeConditions.Count == 0) return 0;
        var a = _recipe.Attributes;
        Manifest? unlabelled = null;
        FeatureInput? unlabelledFeatures = null;
        if (ClustersUnlabelled)
        {
            var path = Layout.AttributeUnlabelledManifest;
            unlabelled = CombinedManifest(corpora.Select(c => (c.Name, c.Manifest.Where(u => featured[c.Name].Contains(u.Id)))), path);
            if (unlabelled.Items.Count == 0) throw new InvalidDataException("attributes: no utterance of the pre-training corpora has features (see failures.csv), so '+unlabelled' has nothing to cluster");
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                unlabelled.Save(path, ManifestFormat.SerKitCsv);
            }
            unlabelledFeatures = new FeatureInput
            {
                Settings = _recipe.Features,
                ExtractedCorpora = corpora.ToDictionary(c => c.Name, c => Layout.FeatureIndex(c.Name), StringComparer.Ordinal),
                CacheBytes = 0,
            };
        }
        var features = new FeatureInput { Settings = _recipe.Features, ExtractedIndex = Layout.FeatureIndex(ExperimentLayout.Labelled), CacheBytes = 0 };
        return RunGrid(_attributeConditions, c => c.Name, meter, "attributes", "attribute runs", (c, fraction, fold, seed) =>
        {
            var dir = Layout.AttributeRun(c, fraction, fold, seed);
            if (!File.Exists(Path.Combine(dir, ResultsFiles.ResultsFileName)))
                AttributeTraining.Run(new AttributeTrainingRequest(folds.Select(rated, fold, FoldSplit.Train), folds.Select(rated, fold, FoldSplit.Valid), Path.Combine(dir, "model"))
                {
                    Attributes = a.Names,
                    Clustering = c.Clustering ? a.ToClusteringOptions() : null,
                    Unlabelled = c.Unlabelled ? unlabelled : null,
                    UnlabelledFeatures = c.Unlabelled ? unlabelledFeatures : null,
                    UnlabelledLimit = c.Unlabelled ? a.UnlabelledLimit : null,
                    LabelFraction = fraction,
                    EncoderDirectory = c.Pretraining.IsBaseline ? null : Layout.Pretrain(c.Pretraining, PerFold ? fold : null),
                    Encoder = _recipe.Model,
                    Options = _recipe.FineTuning with { Seed = seed, Threads = 1 },
                    Features = features,
                    Resume = true,
                    Test = folds.Select(rated, fold, FoldSplit.Test),
                    TestDirectory = dir,
                    TestInfo = new EvaluationInfo(_recipe.Name, true, fold, seed, c.Name, "test", fraction),
                }, null, cancellation);
        }, cancellation);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every condition × label fraction × fold × seed (<see cref="Recipe.Workers"/> at a time),
    /// reporting each finished run under <paramref name="stage"/>; returns the number of runs.
    /// </summary>
    private int RunGrid<T>(IReadOnlyList<T> conditions, Func<T, string> name, ExperimentMeter meter, string stage, string what,
        Action<T, double, int, long> body, CancellationToken cancellation)
    {
        var jobs = (from c in conditions
                    from fraction in _recipe.LabelFractions
                    from fold in FoldNumbers
                    from seed in _recipe.Seeds
                    select (Condition: c, Fraction: fraction, Fold: fold, Seed: seed)).ToList();
        int finished = 0;
        RunParallel(jobs.Count, i =>
        {
            var (c, fraction, fold, seed) = jobs[i];
            body(c, fraction, fold, seed);
            int n = Interlocked.Increment(ref finished);
            meter.Report(stage, (double)n / jobs.Count,
                string.Create(CultureInfo.InvariantCulture, $"{n}/{jobs.Count} {what} ({name(c)}, {fraction:0.##%} of the labels, fold {fold}, seed {seed} done)"));
        }, cancellation);
        return jobs.Count;
    }

    /// <summary>Runs the jobs <see cref="Recipe.Workers"/> at a time; a job's exception is rethrown as itself (not wrapped), so the CLI can name the problem.</summary>
    private void RunParallel(int count, Action<int> body, CancellationToken cancellation)
    {
        try { Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellation }, body); }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    // ---- 8: protocol, report, failures ----

    private void WriteProtocol(Manifest labelled, SpeakerFolds folds, IReadOnlyList<PreparedCorpus> corpora, IReadOnlyDictionary<string, IReadOnlySet<string>> featured)
    {
        var l = _recipe.Labelled;
        var ratings = l.Ratings switch { CremaDRatings.Face => "face", CremaDRatings.AudioVisual => "audio-visual", _ => "voice" };
        var rule = l.Format switch
        {
            LabelledCorpusFormat.CremaD => l.LabelRule switch
            {
                CremaDLabelRule.Majority => $"majority vote (more than half of the raters) of the {ratings} ratings ({CremaD.VotesPath})",
                CremaDLabelRule.Plurality => $"plurality vote (most votes; ties unlabelled) of the {ratings} ratings ({CremaD.VotesPath})",
                CremaDLabelRule.Distribution => $"plurality of the {ratings} rating distribution ({CremaD.VotesPath}); ties unlabelled",
                _ => "the emotion the actor was asked to show (file name)",
            },
            LabelledCorpusFormat.Manifest => $"the labels of the manifest {l.Manifest}",
            _ => "the emotion each utterance was generated with",
        };
        double? hours = null;
        if (corpora.Count > 0)
        {
            var seconds = corpora.SelectMany(c => FeatureIndex.Read(Layout.FeatureIndex(c.Name))).Sum(r => r.DurationSeconds);
            hours = Math.Round(seconds / 3600, 4);
        }
        var settings = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };
        string Line<T>(T value) => JsonSerializer.Serialize(value, settings);
        new ExperimentProtocol
        {
            Recipe = _recipe.Name,
            Corpus = l.Format switch { LabelledCorpusFormat.CremaD => "CREMA-D", LabelledCorpusFormat.Demo => "demo", _ => l.Manifest! },
            LabelRule = rule,
            Classes = l.Classes,
            Utterances = featured[ExperimentLayout.Labelled].Count,
            Speakers = labelled.Speakers.Count,
            SpeakerIndependent = true,
            Folds = folds.Folds.Count,
            TrainSpeakers = folds.Sizes.Train,
            ValidSpeakers = folds.Sizes.Valid,
            TestSpeakers = folds.Sizes.Test,
            FoldSeed = folds.Seed,
            Seeds = _recipe.Seeds,
            LabelFractions = _recipe.LabelFractions,
            Conditions = _conditions.Select(c => c.Name).ToArray(),
            Attributes = _attributeConditions.Count > 0 ? _recipe.Attributes.Names : [],
            AttributeConditions = _attributeConditions.Select(c => c.Name).ToArray(),
            AttributeUtterances = _attributeConditions.Count > 0 ? labelled.Items.Count(u => featured[ExperimentLayout.Labelled].Contains(u.Id) && HasAttributes(u)) : 0,
            Baseline = ExperimentCondition.Baseline.Name,
            PretrainingCorpora = corpora.ToDictionary(c => c.Name, c => featured[c.Name].Count, StringComparer.Ordinal),
            PretrainingHours = hours,
            PretrainingPerFold = Pretrains && PerFold,
            Settings = new Dictionary<string, string>
            {
                ["features"] = Line(_recipe.Features),
                ["model"] = Line(_recipe.Model),
                ["pretraining"] = Line(_recipe.Pretraining),
                ["fine_tuning"] = Line(_recipe.FineTuning),
                ["pretext"] = Line(_recipe.Pretext),
                ["faces"] = Line(_recipe.Faces),
                ["attributes"] = Line(_recipe.Attributes),
                ["folds"] = SpeakerFolds.Construction,
            },
            Versions = Versions(),
        }.Write(Layout.Protocol);
    }

    /// <summary>SerKit, TorchSharp, libtorch, .NET and OS versions.</summary>
    public static IReadOnlyDictionary<string, string> Versions()
    {
        static string Informational(Assembly a) =>
            a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version?.ToString() ?? "unknown";
        return new Dictionary<string, string>
        {
            ["serkit"] = Informational(typeof(ExperimentRunner).Assembly),
            ["torchsharp"] = Informational(typeof(TorchSharp.torch).Assembly),
            ["libtorch"] = TorchRuntime.Version,
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["os"] = $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
        };
    }

    /// <summary>The report (results.md, results.json, plots/) from the folder's files.</summary>
    private void WriteReport() => ExperimentReport.Write(Layout.Directory);

    private void AddFailures(string stage, string corpus, string failuresCsv)
    {
        if (!File.Exists(failuresCsv)) return;
        using var reader = new StreamReader(failuresCsv);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var f in csv.GetRecords<ExtractionFailure>()) _failures.Enqueue(new ExperimentFailure(stage, corpus, f.Id, f.Problem));
    }

    private IReadOnlyList<ExperimentFailure> WriteFailures()
    {
        var path = Path.Combine(Layout.Directory, "failures.csv");
        var list = _failures.Distinct().OrderBy(f => f.Stage, StringComparer.Ordinal).ThenBy(f => f.Corpus, StringComparer.Ordinal)
            .ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            if (File.Exists(path)) File.Delete(path);
            return list;
        }
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
            csv.WriteRecords(list);
        });
        return list;
    }

    private static void WriteDone(string path, JsonObject facts)
    {
        facts["finished"] = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, facts.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
