using SerKit.Experiments;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Experiments;

/// <summary>The recipes shipped in recipes/ mean what the code means.</summary>
public class RecipeFilesTests
{
    [Fact]
    public void TheDemoRecipeFileIsTheDemoCommandsRecipe()
    {
        var loaded = RecipeFile.Load(Path.Combine(RepoPaths.Root, "recipes", "demo.yaml"));
        Assert.Empty(RecipeFile.Differences(loaded, DemoRecipe.Create()));
    }

    [Fact]
    public void TheDemoAttributeRecipeIsTheDemoCorpusWithTheThreeAttributeConditionsAndNoSerTable()
    {
        var loaded = RecipeFile.Load(Path.Combine(RepoPaths.Root, "recipes", "demo-attributes.yaml"));
        var demo = DemoRecipe.Create();
        Assert.Empty(RecipeFile.Differences(loaded with { Name = demo.Name, Conditions = demo.Conditions, Attributes = demo.Attributes, LabelFractions = demo.LabelFractions,
            Pretraining = demo.Pretraining }, demo));
        Assert.Empty(loaded.ResolveConditions());
        Assert.Empty(loaded.ResolvePretrainings());
        Assert.Equal(new[] { "regressor", "DeepEmoCluster", "DeepEmoCluster+unlabelled" }, loaded.Attributes.ResolveConditions().Select(c => c.Name));
        Assert.Equal(10, loaded.Attributes.Clusters);
        Assert.Equal(new[] { 1.0 }, loaded.LabelFractions);
    }
}
