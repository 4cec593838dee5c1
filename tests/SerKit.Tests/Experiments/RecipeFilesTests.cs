using SerKit.Experiments;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Experiments;

/// <summary>The recipes shipped in recipes/ mean what the code means.</summary>
public class RecipeFilesTests
{
    [SkippableFact]
    public void TheDemoRecipeFileIsTheDemoCommandsRecipe()
    {
        Skip.IfNot(TestRecipes.RecipeFileReady, "RecipeFile (YAML) is not merged yet");
        var loaded = RecipeFile.Load(Path.Combine(RepoPaths.Root, "recipes", "demo.yaml"));
        Assert.Empty(RecipeJson.Differences(loaded, DemoRecipe.Create()));
    }
}
