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
}
