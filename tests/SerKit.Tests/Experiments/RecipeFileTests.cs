using SerKit.Corpus;
using SerKit.Experiments;
using SerKit.Face;
using SerKit.Tests.Fixtures;
using Xunit;

namespace SerKit.Tests.Experiments;

public class RecipeFileTests
{
    private static string Write(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Minimal = """
        labelled:
          format: crema-d
          root: corpus/CREMA-D
        pretraining_data:
          corpora:
            - name: vox
              root: videos
        """;

    [Fact]
    public void CremaDRecipeHasThePaperProtocol()
    {
        var recipe = RecipeFile.Load(Path.Combine(RepoPaths.Root, "recipes", "crema-d.yaml"));
        Assert.Equal("crema-d", recipe.Name);
        Assert.Equal(LabelledCorpusFormat.CremaD, recipe.Labelled.Format);
        Assert.Equal(CremaDLabelRule.Majority, recipe.Labelled.LabelRule);
        Assert.Equal(new[] { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" }, recipe.Labelled.Classes);
        Assert.Equal((5, 63, 14, 14), (recipe.Folds.Count, recipe.Folds.Train!.Value, recipe.Folds.Valid!.Value, recipe.Folds.Test!.Value));
        Assert.Equal(new[] { 0.1, 0.25, 0.5, 1.0 }, recipe.LabelFractions);
        Assert.Equal(new[] { "baseline", "T1", "T2", "T3", "T1+T2", "T1+T3", "T2+T3", "T1+T2+T3" }, recipe.ResolveConditions().Select(c => c.Name));
        Assert.Equal(AuNeutral.Speaker, recipe.Faces.Neutral);
        Assert.Equal(PretrainingCorpusKind.Videos, recipe.PretrainingData.Corpora[0].Kind);
        Assert.Equal(0.000725, recipe.Pretraining.LearningRate);
    }

    [Fact]
    public void RelativePathsAreRelativeToTheRecipeAndNameDefaultsToTheFile()
    {
        var dir = RepoPaths.NewTempFolder();
        var recipe = RecipeFile.Load(Write(dir, "study.yaml", Minimal));
        Assert.Equal("study", recipe.Name);
        Assert.Equal(Path.Combine(dir, "corpus", "CREMA-D"), recipe.Labelled.Root);
        Assert.Equal(Path.Combine(dir, "videos"), recipe.PretrainingData.Corpora[0].Root);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("fine_tunning:\n  epochs: 3\n", "fine_tunning", "did you mean 'fine_tuning'")]
    [InlineData("folds:\n  cnt: 3\n", "folds.cnt", "folds keys are count, train, valid, test, seed, only")]
    [InlineData("pretraining_data:\n  corpora:\n    - name: vox\n      root: v\n      rot: w\n", "pretraining_data.corpora[0].rot", "did you mean 'root'")]
    [InlineData("folds:\n  count: many\n", "folds.count", "\"many\" is not valid here: expected a whole number")]
    [InlineData("labelled:\n  format: iemocap\n  root: x\n", "labelled.format", "expected one of crema-d, manifest, demo")]
    [InlineData("seeds: [1, 1]\n", "", "seeds: a seed is listed twice")]
    [InlineData("label_fractions: [0]\n", "", "label_fractions: every fraction must be in (0, 1]")]
    [InlineData("conditions: [t4]\n", "", "unknown condition 't4'")]
    [InlineData("model:\n  heads: 3\n", "", "model: invalid encoder config: heads (3) must divide width (128)")]
    [InlineData("attributes:\n  conditions: [deepemocluster]\n  clusterz: 4\n", "attributes.clusterz", "did you mean 'clusters'")]
    [InlineData("attributes:\n  conditions: [kmeans]\n", "", "attributes.conditions: unknown attribute condition 'kmeans'")]
    [InlineData("attributes:\n  conditions: [deepemocluster]\n  clusters: 1\n", "", "attributes: DeepEmoCluster needs at least 2 clusters")]
    [InlineData("attributes:\n  conditions: [deepemocluster]\n  include_labelled: false\n", "", "attributes.include_labelled")]
    [InlineData("attributes:\n  conditions: [regressor]\n  names: [arousal, arousal]\n", "", "attributes.names: an attribute is listed twice")]
    [InlineData("attributes:\n  conditions: [deepemocluster+unlabelled]\n  unlabelled_limit: 0\n", "", "attributes.unlabelled_limit: must be at least 1")]
    [InlineData("conditions: []\n", "", "conditions: give at least one condition (or attributes.conditions")]
    public void BadRecipesAreRefusedNamingFileAndKey(string extra, string key, string problem)
    {
        var dir = RepoPaths.NewTempFolder();
        // Sections given by the case replace those of the minimal recipe.
        var replaced = string.Join("\n", Minimal.Split("\n").Aggregate(new List<List<string>>(), (blocks, line) =>
        {
            if (!line.StartsWith(' ')) blocks.Add(new List<string>());
            blocks[^1].Add(line);
            return blocks;
        }).Where(b => !extra.StartsWith(b[0].Split(':')[0] + ":", StringComparison.Ordinal)).SelectMany(b => b));
        var path = Write(dir, "bad.yaml", replaced + "\n" + extra);
        var e = Assert.Throws<RecipeException>(() => RecipeFile.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(key, e.Message);
        Assert.Contains(problem, e.Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void AttributeStudiesNeedUnlabelledCorporaForPlusUnlabelledAndMayRunAlone()
    {
        var dir = RepoPaths.NewTempFolder();
        const string Labelled = "labelled:\n  format: demo\n";
        var alone = RecipeFile.Load(Write(dir, "alone.yaml", Labelled + "conditions: []\nattributes:\n  conditions: [deepemocluster]\n  clusters: 4\n"));
        Assert.Empty(alone.ResolveConditions());
        Assert.Equal(new[] { "regressor", "DeepEmoCluster" }, alone.Attributes.ResolveConditions().Select(c => c.Name));
        Assert.Equal(4, alone.Attributes.ToClusteringOptions().Clusters);
        var e = Assert.Throws<RecipeException>(() => RecipeFile.Load(Write(dir, "plus.yaml", Labelled + "conditions: []\nattributes:\n  conditions: [deepemocluster+unlabelled]\n")));
        Assert.Contains("pretraining_data.corpora is empty", e.Message);
        var pretrained = Assert.Throws<RecipeException>(() => RecipeFile.Load(Write(dir, "t3.yaml", Labelled + "conditions: [baseline]\nattributes:\n  conditions: [t3:regressor]\n")));
        Assert.Contains("the conditions pre-train but no unlabelled corpus is given", pretrained.Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void DuplicateKeysAndMalformedYamlAreRefused()
    {
        var dir = RepoPaths.NewTempFolder();
        var dup = Write(dir, "dup.yaml", Minimal + "\nseeds: [0]\nseeds: [1]\n");
        Assert.Contains("key 'seeds' appears twice", Assert.Throws<RecipeException>(() => RecipeFile.Load(dup)).Message);
        var broken = Write(dir, "broken.yaml", "labelled: [unclosed\n");
        Assert.Contains("malformed YAML", Assert.Throws<RecipeException>(() => RecipeFile.Load(broken)).Message);
        Assert.Contains("not found", Assert.Throws<RecipeException>(() => RecipeFile.Load(Path.Combine(dir, "none.yaml"))).Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void OverridesChangeAnyKey()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Write(dir, "study.yaml", Minimal);
        var recipe = RecipeFile.Load(path,
        [
            "fine_tuning.epochs=3", "seeds=[5, 6]", "conditions=[baseline, t1+t3]", "folds.only=[2]",
            "pretraining_data.corpora.0.root=elsewhere", "name=123", "pretext.weights.t2=0.5", "model.attention_dropout=0.2",
        ]);
        Assert.Equal(3, recipe.FineTuning.Epochs);
        Assert.Equal(new long[] { 5, 6 }, recipe.Seeds);
        Assert.Equal(new[] { "baseline", "T1+T3" }, recipe.ResolveConditions().Select(c => c.Name));
        Assert.Equal(new[] { 2 }, recipe.Folds.Only);
        Assert.Equal(Path.GetFullPath("elsewhere"), recipe.PretrainingData.Corpora[0].Root);
        Assert.Equal("123", recipe.Name);
        Assert.Equal(0.5, recipe.Pretext.WeightOf("t2"));
        Assert.Equal(0.2, recipe.Model.AttentionDropout);

        var unknown = Assert.Throws<RecipeException>(() => RecipeFile.Load(path, ["fine_tuning.epoch=3"]));
        Assert.Contains("--set fine_tuning.epoch=3", unknown.Message);
        Assert.Contains("did you mean 'epochs'", unknown.Message);
        Assert.Contains("expected key.path=value", Assert.Throws<RecipeException>(() => RecipeFile.Load(path, ["epochs"])).Message);
        Assert.Contains("the list has 1 item", Assert.Throws<RecipeException>(() => RecipeFile.Load(path, ["pretraining_data.corpora.3.root=x"])).Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void EmptySectionsKeepDefaults()
    {
        var dir = RepoPaths.NewTempFolder();
        var recipe = RecipeFile.Load(Write(dir, "study.yaml", Minimal + "\nfaces:\nmodel:\n"));
        Assert.Equal(new FacesRecipe(), recipe.Faces);
        Assert.Equal(128, recipe.Model.Width);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ResolvedYamlReadsBackToTheSameRecipeAndJsonWorksToo()
    {
        var dir = RepoPaths.NewTempFolder();
        var recipe = RecipeFile.Load(Path.Combine(RepoPaths.Root, "recipes", "crema-d.yaml"), ["pretext.weights.t3=2", "model.attention_dropout=0.05"]);
        var saved = Path.Combine(dir, RecipeFile.ResolvedFileName);
        RecipeFile.Save(recipe, saved);
        var back = RecipeFile.Load(saved);
        Assert.Empty(RecipeFile.Differences(recipe, back));
        Assert.Equal(RecipeFile.ToYaml(recipe), RecipeFile.ToYaml(back));

        var json = Path.Combine(dir, "recipe.json");
        File.WriteAllText(json, RecipeFile.ToTree(recipe).ToJsonString());
        Assert.Empty(RecipeFile.Differences(recipe, RecipeFile.Load(json)));

        var changed = RecipeFile.Load(saved, ["fine_tuning.epochs=2", "folds.seed=9"]);
        Assert.Equal(new[] { "fine_tuning.epochs", "folds.seed" }, RecipeFile.Differences(recipe, changed));
        Directory.Delete(dir, true);
    }
}
