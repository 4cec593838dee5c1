using System.Text.Json;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Experiments;
using SerKit.Pretext;
using SerKit.Tests.Fixtures;
using Xunit;

namespace SerKit.Tests.Experiments;

/// <summary>
/// recipes/crema-d.yaml end to end through <c>serkit experiment</c>, on a CREMA-D-shaped tree (real file names and
/// vote table, generated speech, FLV videos of a real face made with FFmpeg) and a VoxCeleb2-layout folder of
/// videos as the unlabelled corpus, with the CREMA-D videos of each fold's training actors added to pre-training.
/// Only sizes are overridden; the layout, label rule, classes and face settings are the recipe's own.
/// </summary>
public class CremaDRecipeEndToEndTests
{
    [SkippableFact]
    public void CremaDRecipeRunsFromRawCorpusToReport()
    {
        FixtureCache.RequireProgram("ffmpeg", "the CREMA-D-shaped tree is made with FFmpeg");
        var tree = CremaDAudiovisualTree.Get(actors: 8, clipsPerActor: 3);
        var vox = VoxCeleb2Tree.Get();
        var output = Path.Combine(RepoPaths.NewTempFolder(), "crema-d");
        string[] overrides =
        [
            $"labelled.root={tree.Root}", $"pretraining_data.corpora.0.root={vox.Root}", "pretraining_data.labelled_train_videos=true",
            "folds.count=2", "folds.train=4", "folds.valid=2", "folds.test=2",
            "model.layers=1", "model.width=16", "model.heads=2", "model.feed_forward=32", "model.pooling_dim=16",
            "pretraining.epochs=1", "pretraining.batch_size=8", "fine_tuning.epochs=2", "fine_tuning.batch_size=8", "fine_tuning.patience=0",
            "conditions=[baseline, t1+t2+t3, t1+t2+t3:distribution, baseline:distribution+penalty]", "seeds=[0]", "label_fractions=[0.5, 1.0]", "workers=2",
        ];
        var args = new List<string> { "experiment", Path.Combine(RepoPaths.Root, "recipes", "crema-d.yaml"), "-o", output };
        foreach (var o in overrides) args.AddRange(["--set", o]);
        var (code, stdout, stderr) = CliRunner.InProcess([.. args]);
        Assert.True(code == 0, stderr + stdout);

        var layout = new ExperimentLayout(output);
        // The resolved recipe is the CREMA-D recipe with the overrides, and reads back to itself.
        var resolved = RecipeFile.Load(layout.Recipe);
        Assert.Equal(LabelledCorpusFormat.CremaD, resolved.Labelled.Format);
        Assert.Equal(tree.Root, resolved.Labelled.Root);
        Assert.Empty(RecipeFile.Differences(resolved, RecipeFile.Load(Path.Combine(RepoPaths.Root, "recipes", "crema-d.yaml"), overrides)));

        // Labels by majority vote of the voice ratings; clips without a majority are left out.
        var labelled = Manifest.Load(layout.LabelledManifest, ManifestFormat.SerKitCsv, tree.Root);
        var expected = tree.Stems.Where(s => tree.MajorityLabel(s) is not null).ToDictionary(s => s, s => tree.MajorityLabel(s)!);
        Assert.Equal(expected.Count, labelled.Items.Count);
        Assert.All(labelled.Items, u => Assert.Equal(expected[u.Id], u.Label));

        var protocol = ExperimentProtocol.Read(layout.Protocol);
        Assert.True(protocol.SpeakerIndependent);
        Assert.Equal(new[] { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" }, protocol.Classes);
        Assert.Contains("majority", protocol.LabelRule);
        Assert.Equal((2, 4, 2, 2), (protocol.Folds, protocol.TrainSpeakers, protocol.ValidSpeakers, protocol.TestSpeakers));
        Assert.True(protocol.PretrainingPerFold);
        Assert.Contains("unlabelled", protocol.PretrainingCorpora.Keys);
        Assert.False(string.IsNullOrEmpty(protocol.Versions["serkit"]));

        // Face tracks of every unlabelled video and of the labelled videos used for pre-training, in OpenFace's schema.
        var voxTracks = Directory.GetFiles(layout.Faces("unlabelled"), "*.csv", SearchOption.AllDirectories);
        Assert.Equal(vox.Files.Count, voxTracks.Length);
        var folds = layout.ReadFolds();
        foreach (var fold in folds.Folds)
        {
            // Each fold pre-trains on the unlabelled videos and its own training actors' CREMA-D videos only.
            var set = PretextLabelSet.Read(layout.PretextSet(ExperimentLayout.FoldSet(fold.Number)));
            var fromCremaD = set.Items.Where(l => l.Id.StartsWith(ExperimentLayout.Labelled + "/", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(fromCremaD);
            Assert.All(fromCremaD, l => Assert.Contains(CremaDAudiovisualTree.ActorOf(l.Id[(ExperimentLayout.Labelled.Length + 1)..]), fold.Train));
            Assert.Contains(set.Items, l => l.T2 is not null);
            Assert.Contains(set.Items, l => l.T3 is not null);
            Assert.True(File.Exists(Path.Combine(layout.Pretrain(ExperimentCondition.Parse("t1+t2+t3"), fold.Number), "model.safetensors")));
        }

        // Conditions that differ only in their labels share the encoder; the penalty is counted per fold on training actors.
        Assert.Equal(new[] { "t1+t2+t3" }, Directory.GetDirectories(Path.Combine(output, "pretrain")).Select(Path.GetFileName));
        foreach (var fold in folds.Folds)
        {
            using var penalty = JsonDocument.Parse(File.ReadAllText(layout.Penalty(fold.Number)));
            var trainClips = labelled.Items.Count(u => fold.Train.Contains(u.Speaker!));
            Assert.Equal(trainClips, penalty.RootElement.GetProperty("construction").GetProperty("utterances").GetInt32());
        }
        using (var soft = JsonDocument.Parse(File.ReadAllText(Path.Combine(layout.Run(ExperimentCondition.Parse("baseline:distribution+penalty"), 1.0, 1, 0), "results.json"))))
            Assert.True(soft.RootElement.TryGetProperty("distribution", out _));

        // Every condition × fraction × fold × seed evaluated on its fold's test actors.
        foreach (var c in new[] { "baseline", "t1+t2+t3", "t1+t2+t3:distribution", "baseline:distribution+penalty" })
            foreach (var fraction in new[] { 0.5, 1.0 })
                foreach (var fold in folds.Folds)
                {
                    var run = layout.Run(ExperimentCondition.Parse(c), fraction, fold.Number, 0);
                    var result = ResultsFiles.ReadResultsJson(Path.Combine(run, ResultsFiles.ResultsFileName));
                    Assert.Equal(ExperimentCondition.Parse(c).Name, result.Info.Condition);
                    Assert.Equal(fraction, result.Info.LabelFraction);
                    Assert.True(result.Info.SpeakerIndependent);
                    var testIds = folds.Select(labelled, fold.Number, FoldSplit.Test).Items.Count;
                    Assert.Equal(testIds, result.Metrics.Num);
                    Assert.True(File.Exists(Path.Combine(run, "predictions.csv")));
                }

        // The report: the paper's table with micro metrics, label efficiency, plots, protocol.
        var md = File.ReadAllText(layout.ResultsMarkdown);
        foreach (var s in new[] { "T1+T2+T3", "baseline", "micro", "50 %", "100 %", "speaker-independent" })
            Assert.Contains(s, md, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(File.ReadAllText(layout.ResultsJson));
        Assert.True(json.RootElement.TryGetProperty("format", out _));
        var plots = Directory.GetFiles(Path.Combine(output, "plots"), "*.png");
        Assert.Contains(plots, p => Path.GetFileName(p).StartsWith("label_efficiency", StringComparison.Ordinal));
        Assert.Contains(plots, p => Path.GetFileName(p).StartsWith("confusion_", StringComparison.Ordinal));
        Directory.Delete(Path.GetDirectoryName(output)!, true);
    }
}
