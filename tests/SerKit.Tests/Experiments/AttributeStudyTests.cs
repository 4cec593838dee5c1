using System.Text.Json.Nodes;
using SerKit.Attributes;
using SerKit.Corpus;
using SerKit.Experiments;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;
using Xunit;

namespace SerKit.Tests.Experiments;

/// <summary>
/// The attribute study of <c>serkit experiment</c> run to the end on the generated corpus: the regressor alone against DeepEmoCluster with
/// and without the pre-training corpus as extra unlabelled data, which files exist, what the report's attribute tables hold (recomputed
/// here from the runs' own results), resuming, and a partial study.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class AttributeStudyTests
{
    private static readonly Recipe AttributesAlone = TestRecipes.Tiny with
    {
        Name = "tiny-attributes",
        Conditions = [],
        LabelFractions = [1.0],
        Attributes = new AttributesRecipe { Conditions = ["deepemocluster", "deepemocluster+unlabelled"], Clusters = 3 },
    };

    [Fact]
    public void AttributeStudyAloneReportsCccPerAttributeAndClustersAndResumes()
    {
        var dir = RepoPaths.NewTempFolder("serkit-attributes");
        var result = new ExperimentRunner(AttributesAlone, dir).Run();
        Assert.Equal((0, 6), (result.Runs, result.AttributeRuns));
        Assert.Empty(result.Failures);
        string[] slugs = ["regressor", "deepemocluster", "deepemocluster+unlabelled"];
        string[] names = ["regressor", "DeepEmoCluster", "DeepEmoCluster+unlabelled"];
        foreach (var slug in slugs)
            foreach (var fold in new[] { 1, 2 })
            {
                var run = Path.Combine(dir, "attributes", slug, "labels100", $"fold{fold}", "seed0");
                foreach (var file in new[] { "results.json", "predictions.csv", "model/config.json", "model/model.safetensors", "model/train_log.csv" })
                    Assert.True(File.Exists(Path.Combine(run, file)), $"{slug} fold {fold}: {file} is missing");
                Assert.Equal(slug != "regressor", File.Exists(Path.Combine(run, ClusterAttributeTable.JsonFile)));
                // Only '+unlabelled' clusters the pre-training corpus (12 utterances); the others never see it.
                var training = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "model", "config.json")))!["training"]!;
                Assert.Equal(slug == "deepemocluster+unlabelled" ? 12 : 0, training["unlabelled_utterances"]!.GetValue<int>());
                Assert.Equal(slug == "regressor" ? "regressor" : "deepemocluster", training["method"]!.GetValue<string>());
            }
        var unlabelled = Manifest.Load(Path.Combine(dir, "attributes", "unlabelled.csv"), ManifestFormat.SerKitCsv, Path.Combine(dir, "corpus"));
        Assert.Equal(12, unlabelled.Items.Count);
        Assert.All(unlabelled.Items, u => Assert.StartsWith("demo/u", u.Id));
        // No SER study: nothing fine-tuned, nothing pre-trained, no face tracks made.
        foreach (var absent in new[] { "runs", "pretrain", "pretext", "faces" }) Assert.False(Directory.Exists(Path.Combine(dir, absent)), absent);
        foreach (var plot in new[] { "attributes_ccc.png", "attributes_clusters_deepemocluster.png", "attributes_clusters_deepemocluster+unlabelled.png" })
            Assert.True(new FileInfo(Path.Combine(dir, "plots", plot)).Length > 1000, plot);

        var protocol = ExperimentProtocol.Read(Path.Combine(dir, "protocol.json"));
        Assert.Empty(protocol.Conditions);
        Assert.Equal(names, protocol.AttributeConditions);
        Assert.Equal(EmotionalAttributes.Default, protocol.Attributes);
        Assert.Equal(24, protocol.AttributeUtterances);

        // The table: fold means of each run's test CCC, their mean, and the difference to the regressor, recomputed from the runs.
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "results.json")))!["attributes"]!;
        var rows = report["tables"]![0]!["rows"]!.AsArray();
        Assert.Equal(names, rows.Select(r => r!["condition"]!.GetValue<string>()));
        double MeanOf(string slug, Func<AttributeMetrics, double> value) => new[] { 1, 2 }
            .Select(f => value(AttributeResultsFiles.ReadResultsJson(Path.Combine(dir, "attributes", slug, "labels100", $"fold{f}", "seed0", "results.json")).Metrics)).Average();
        for (int i = 0; i < slugs.Length; i++)
        {
            var row = rows[i]!;
            Assert.Equal(MeanOf(slugs[i], m => m.MeanCcc), row["mean_ccc"]!["mean"]!.GetValue<double>(), 12);
            for (int a = 0; a < 3; a++)
                Assert.Equal(MeanOf(slugs[i], m => m.Ccc[a]), row["ccc"]![EmotionalAttributes.Default[a]]!["mean"]!.GetValue<double>(), 12);
            if (i == 0) Assert.Null(row["gain_mean_ccc"]);
            else
            {
                Assert.Equal(MeanOf(slugs[i], m => m.MeanCcc) - MeanOf("regressor", m => m.MeanCcc), row["gain_mean_ccc"]!.GetValue<double>(), 12);
                Assert.Equal(2, row["tests"]!["t_test"]!["n"]!.GetValue<int>());
            }
        }
        // How attributes differ between clusters: η² over both runs, in [0, 1].
        var clusters = report["clusters"]!.AsArray();
        Assert.Equal(names.Skip(1), clusters.Select(c => c!["condition"]!.GetValue<string>()));
        foreach (var c in clusters)
        {
            Assert.Equal(2, c!["runs"]!.GetValue<int>());
            var arousal = c["eta_squared"]!["arousal"]!["mean"]!.GetValue<double>();
            Assert.InRange(arousal, 0, 1);
        }
        var markdown = File.ReadAllText(Path.Combine(dir, "results.md"));
        Assert.Contains("## Emotional attributes: 100 % of the training labels", markdown);
        Assert.Contains("### How the attributes differ between clusters", markdown);
        Assert.Contains("#### DeepEmoCluster+unlabelled, fold 1, seed 0", markdown);
        Assert.DoesNotContain("## Main table", markdown);

        // A second run recomputes nothing; the report is the same.
        var stamps = Directory.EnumerateFiles(Path.Combine(dir, "attributes"), "*", SearchOption.AllDirectories).ToDictionary(p => p, File.GetLastWriteTimeUtc);
        var again = new ExperimentRunner(AttributesAlone, dir).Run();
        Assert.Equal(6, again.AttributeRuns);
        Assert.All(stamps, kv => Assert.Equal(kv.Value, File.GetLastWriteTimeUtc(kv.Key)));
        Assert.Equal(rows.ToJsonString(), JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "results.json")))!["attributes"]!["tables"]![0]!["rows"]!.ToJsonString());

        // A partial study is reported as such.
        File.Delete(Path.Combine(dir, "attributes", "deepemocluster", "labels100", "fold2", "seed0", "results.json"));
        var partial = ExperimentReport.Write(dir);
        Assert.False(partial.Complete);
        Assert.Equal((6, 5), (partial.ExpectedAttributeRuns, partial.FoundAttributeRuns));
        var text = File.ReadAllText(Path.Combine(dir, "results.md"));
        Assert.Contains("Attribute runs missing (1 of 6", text);
        Assert.Contains("Runs per condition: 1 of 2 (fold, seed) pairs.", text);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void SerAndAttributeStudiesRunSideBySideAndCorporaWithoutAttributesAreRefused()
    {
        var dir = RepoPaths.NewTempFolder("serkit-attributes");
        var recipe = TestRecipes.Tiny with
        {
            Conditions = ["baseline"],
            LabelFractions = [1.0],
            PretrainingData = new PretrainingDataRecipe(),
            Attributes = new AttributesRecipe { Names = ["arousal", "valence"], Conditions = ["regressor"] },
        };
        var result = new ExperimentRunner(recipe, dir).Run();
        Assert.Equal((2, 2), (result.Runs, result.AttributeRuns));
        Assert.True(File.Exists(Path.Combine(dir, "runs", "baseline", "labels100", "fold1", "seed0", "results.json")));
        Assert.True(File.Exists(Path.Combine(dir, "attributes", "regressor", "labels100", "fold2", "seed0", "results.json")));
        Assert.Equal(["arousal", "valence"], AttributeResultsFiles.ReadResultsJson(Path.Combine(dir, "attributes", "regressor", "labels100", "fold2", "seed0", "results.json")).Metrics.Attributes);
        var markdown = File.ReadAllText(Path.Combine(dir, "results.md"));
        Assert.True(markdown.IndexOf("## Main table", StringComparison.Ordinal) < markdown.IndexOf("## Emotional attributes", StringComparison.Ordinal));
        Assert.Contains("| CCC arousal | CCC valence | mean CCC |", markdown);

        // A labelled manifest without the attribute columns: refused at once, naming the file and the columns.
        var manifest = Path.Combine(dir, "plain.csv");
        File.WriteAllText(manifest, "id,path,speaker,label\na,corpus/wav/s01_001.wav,s01,HAP\nb,corpus/wav/s02_001.wav,s02,SAD\n");
        var plain = recipe with { Labelled = new LabelledCorpusRecipe { Format = LabelledCorpusFormat.Manifest, Manifest = manifest, Classes = recipe.Labelled.Classes } };
        var e = Assert.Throws<InvalidDataException>(() => new ExperimentRunner(plain, Path.Combine(dir, "plain")).Run());
        Assert.Contains(manifest, e.Message);
        Assert.Contains("arousal, valence", e.Message);
        Directory.Delete(dir, true);
    }
}
