using System.Text.Json.Nodes;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Experiments;
using SerKit.Extraction;
using SerKit.Pretext;
using SerKit.Runtime;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;

namespace SerKit.Tests.Experiments;

/// <summary>
/// Tiny studies on the generated corpus, run to the end (smoke tests in SpeechBrain's habit): which files of the experiment
/// folder exist and what they hold, that a second run recomputes nothing, and that per-fold pretext sets only ever hold
/// the fold's training speakers.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class ExperimentRunnerTests
{
    [Fact]
    public void TinyStudyWithTrainingVideosWritesTheLayoutKeepsFoldsApartAndResumes()
    {
        var dir = RepoPaths.NewTempFolder("serkit-experiment");
        var recipe = TestRecipes.Tiny with { PretrainingData = TestRecipes.Tiny.PretrainingData with { LabelledTrainVideos = true } };
        var lines = new List<ExperimentProgress>();
        var result = new ExperimentRunner(recipe, dir).Run(new SynchronousProgress<ExperimentProgress>(lines.Add));
        var layout = new ExperimentLayout(dir);

        foreach (var file in new[]
                 {
                     "recipe.yaml", "protocol.json", "labelled/manifest.csv", "folds/folds.json", "folds/fold2/test.csv",
                     "unlabelled/demo/manifest.csv", "features/labelled/index.csv", "features/demo/index.csv",
                     "pretext/shared/pretext.csv", "pretext/shared/pretext.json", "pretext/shared/corpora/demo/t3_distribution.png",
                     "pretext/fold1/pretext.csv", "pretext/fold2/pretext.json", "pretext/fold1/corpora/labelled/pretext.csv",
                     "pretrain/t1+t2+t3/fold1/model.safetensors", "pretrain/t1+t2+t3/fold2/config.json", "results.md", "results.json",
                 })
            Assert.True(File.Exists(Path.Combine(dir, file)), file + " is missing");
        Assert.False(Directory.Exists(Path.Combine(dir, "pretrain", "baseline")));
        Assert.False(File.Exists(Path.Combine(dir, "failures.csv")));
        Assert.Empty(result.Failures);
        Assert.Equal(1.0, lines[^1].Fraction);
        Assert.True(lines.Zip(lines.Skip(1)).All(p => p.Second.Fraction >= p.First.Fraction), "progress went back");

        // The corpora as used: classes only, own ids per corpus; features of every utterance.
        var labelled = Manifest.Load(layout.LabelledManifest, ManifestFormat.SerKitCsv, layout.DemoCorpus);
        Assert.Equal(24, labelled.Items.Count);
        Assert.All(labelled.Items, u => Assert.True(File.Exists(labelled.FullPath(u)), u.Path));
        Assert.Equal(24, FeatureIndex.Read(layout.FeatureIndex("labelled")).Count);
        Assert.Equal(12, FeatureIndex.Read(layout.FeatureIndex("demo")).Count);
        Assert.All(PretextLabelSet.Read(layout.PretextSet("shared")).Items, l => Assert.StartsWith("demo/u0", l.Id));

        // Per-fold pretext sets: the shared corpus plus that fold's training speakers' videos, never its validation or test speakers.
        var folds = layout.ReadFolds();
        var speakerOf = labelled.Items.ToDictionary(u => "labelled/" + u.Id, u => u.Speaker!);
        foreach (var fold in folds.Folds)
        {
            var set = PretextLabelSet.Read(layout.PretextSet(ExperimentLayout.FoldSet(fold.Number)));
            var own = set.Items.Where(l => l.Id.StartsWith("labelled/", StringComparison.Ordinal)).Select(l => speakerOf[l.Id]).ToList();
            Assert.Equal(fold.Train.Count * 6, own.Count);
            Assert.All(own, s => Assert.Contains(s, fold.Train));
            Assert.DoesNotContain(own, s => fold.Valid.Contains(s) || fold.Test.Contains(s));
            Assert.Equal(12, set.Items.Count(l => l.Id.StartsWith("demo/", StringComparison.Ordinal)));
            Assert.Contains(set.Items, l => l.Id.StartsWith("labelled/", StringComparison.Ordinal) && l.T1 is not null && l.T2 is not null && l.T3 is not null);
            var manifest = File.ReadAllLines(Path.Combine(layout.PretextSet(ExperimentLayout.FoldSet(fold.Number)), "manifest.csv"));
            Assert.DoesNotContain(manifest, line => fold.Test.Any(s => line.Contains("labelled/" + s, StringComparison.Ordinal)));
        }

        // The protocol, written before training.
        var protocol = ExperimentProtocol.Read(layout.Protocol);
        Assert.Equal("tiny", protocol.Recipe);
        Assert.True(protocol.SpeakerIndependent && protocol.PretrainingPerFold);
        Assert.Equal((24, 4, 2, 2, 1, 1), (protocol.Utterances, protocol.Speakers, protocol.Folds, protocol.TrainSpeakers, protocol.ValidSpeakers, protocol.TestSpeakers));
        Assert.Equal(["baseline", "T1+T2+T3"], protocol.Conditions);
        Assert.Equal([0.5, 1.0], protocol.LabelFractions);
        Assert.Equal(12, protocol.PretrainingCorpora["demo"]);
        Assert.True(protocol.PretrainingHours > 0);
        foreach (var key in new[] { "serkit", "torchsharp", "libtorch", "dotnet", "os" }) Assert.False(string.IsNullOrWhiteSpace(protocol.Versions[key]), key);

        // Every condition × label fraction × fold × seed, evaluated on the fold's test speakers.
        var runs = Directory.GetFiles(Path.Combine(dir, "runs"), ResultsFiles.ResultsFileName, SearchOption.AllDirectories);
        Assert.Equal(8, runs.Length);
        Assert.Equal(8, result.Runs);
        foreach (var c in new[] { ExperimentCondition.Baseline, ExperimentCondition.Parse("t1+t2+t3") })
        foreach (var fraction in new[] { 0.5, 1.0 })
        foreach (var fold in folds.Folds)
        {
            var run = layout.Run(c, fraction, fold.Number, 0);
            var r = ResultsFiles.ReadResultsJson(Path.Combine(run, ResultsFiles.ResultsFileName));
            Assert.Equal(("tiny", true, fold.Number, 0L, c.Name, "test", fraction), (r.Info.Protocol, r.Info.SpeakerIndependent, r.Info.Fold, r.Info.Seed, r.Info.Condition, r.Info.Split, r.Info.LabelFraction));
            Assert.Equal(6, r.Metrics.Num);
            foreach (var file in new[] { ResultsFiles.PredictionsFileName, "confusion.png", "model/train_log.csv", "model/config.json" })
                Assert.True(File.Exists(Path.Combine(run, file)), $"{run}/{file} is missing");
            var training = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "model", "config.json")))!["training"]!;
            Assert.Equal(c.IsBaseline ? null : layout.Pretrain(c, fold.Number), training["encoder_from"]?.GetValue<string>());
            Assert.Equal(fraction, training["label_fraction"]!.GetValue<double>());
        }
        var markdown = File.ReadAllText(result.ResultsMarkdown);
        Assert.Contains("| baseline", markdown);
        Assert.Contains("| T1+T2+T3", markdown);

        // A second run finds every stage complete: nothing is extracted, labelled, trained or evaluated again.
        var watched = runs.Concat(Directory.GetFiles(Path.Combine(dir, "pretrain"), "*", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(dir, "features"), "*", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(dir, "pretext"), "*", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(dir, "corpus"), "*", SearchOption.AllDirectories))
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var again = new ExperimentRunner(recipe, dir).Run();
        Assert.Equal(markdown, File.ReadAllText(again.ResultsMarkdown));
        foreach (var (file, stamp) in watched) Assert.True(stamp == File.GetLastWriteTimeUtc(file), file + " was written again");

        // A run killed before one fine-tuning finished: only that run is redone, with the same numbers.
        var victim = layout.Run(ExperimentCondition.Parse("t1+t2+t3"), 0.5, 2, 0);
        var before = File.ReadAllText(Path.Combine(victim, ResultsFiles.PredictionsFileName));
        Directory.Delete(victim, recursive: true);
        new ExperimentRunner(recipe, dir).Run();
        Assert.Equal(before, File.ReadAllText(Path.Combine(victim, ResultsFiles.PredictionsFileName)));
        foreach (var (file, stamp) in watched.Where(w => !w.Key.StartsWith(victim, StringComparison.Ordinal)))
            Assert.True(stamp == File.GetLastWriteTimeUtc(file), file + " was written again");
    }

    [Fact]
    public void ManifestCorporaWhoseRowsNameTheirFaceTracksAreNotTrackedAgain()
    {
        var dir = RepoPaths.NewTempFolder("serkit-experiment");
        // The tiny demo corpus's unlabelled part as a manifest of its own whose 'face' column names the ready tracks.
        var corpus = Path.Combine(dir, "given");
        var demo = SerKit.Synthetic.DemoCorpus.Write(corpus, TestRecipes.Tiny.Labelled.Demo);
        var rows = demo.Unlabelled.Items.Select(u => $"{u.Id},{u.Path},{u.Speaker},faces/{u.Id}.csv");
        var manifest = Path.Combine(corpus, "with_faces.csv");
        File.WriteAllText(manifest, "id,path,speaker,face\n" + string.Join("\n", rows) + "\n");
        var recipe = TestRecipes.Tiny with
        {
            Conditions = ["t2"],
            LabelFractions = [1.0],
            Faces = TestRecipes.Tiny.Faces with { Model = Path.Combine(dir, "no-such-model.dat") },
            PretrainingData = new PretrainingDataRecipe { Corpora = [new PretrainingCorpusRecipe { Name = "given", Kind = PretrainingCorpusKind.Manifest, Manifest = manifest }] },
        };
        var output = Path.Combine(dir, "out");
        new ExperimentRunner(recipe, output).Run();
        // No tracking ran (the landmark model given does not even exist), and T2 came from the named tracks.
        Assert.False(Directory.Exists(Path.Combine(output, "faces")));
        var labels = PretextLabelSet.Read(new ExperimentLayout(output).PretextSet(ExperimentLayout.SharedSet));
        Assert.Equal(demo.Unlabelled.Items.Count, labels.Items.Count);
        Assert.True(labels.Items.Count(l => l.T2 is not null) >= demo.Unlabelled.Items.Count - 2, "T2 labels missing");
        Directory.Delete(dir, true);
    }
}
