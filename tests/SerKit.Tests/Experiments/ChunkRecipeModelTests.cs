using SerKit.Experiments;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Experiments;

/// <summary>A recipe's <c>model</c> section (an encoder config) can choose the chunk-level encoder; its keys are checked like every other.</summary>
public class ChunkRecipeModelTests
{
    [Fact]
    public void AModelSectionSelectsTheChunkEncoder()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "study.yaml");
        File.WriteAllText(path, """
            labelled:
              format: crema-d
              root: corpus/CREMA-D
            pretraining_data:
              corpora:
                - name: vox
                  root: videos
            model:
              kind: chunk
              width: 64
              chunk:
                encoder: cnn
                aggregation: self_attention
                frames: 50
            """);
        var recipe = RecipeFile.Load(path);
        Assert.True(recipe.Model.IsChunkLevel);
        Assert.Equal(new SerKit.Modeling.ChunkSettings { Encoder = "cnn", Aggregation = "self_attention", Frames = 50 }, recipe.Model.Chunk);
        Assert.Equal(64, recipe.Model.Width);
        Assert.Equal("mean", RecipeFile.Load(path, ["model.chunk.aggregation=mean"]).Model.Chunk.Aggregation);

        File.WriteAllText(path, "labelled:\n  format: crema-d\n  root: x\npretraining_data:\n  corpora:\n    - name: vox\n      root: v\nmodel:\n  chunk:\n    aggregaton: mean\n");
        var e = Assert.Throws<RecipeException>(() => RecipeFile.Load(path));
        Assert.Contains("model.chunk.aggregaton", e.Message);
        Directory.Delete(dir, true);
    }
}
