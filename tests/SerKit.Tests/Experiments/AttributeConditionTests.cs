using SerKit.Experiments;
using Xunit;

namespace SerKit.Tests.Experiments;

public class AttributeConditionTests
{
    [Theory]
    [InlineData("regressor", "regressor", "regressor", "baseline", false, false)]
    [InlineData("DeepEmoCluster", "DeepEmoCluster", "deepemocluster", "baseline", true, false)]
    [InlineData(" deepemocluster+unlabelled ", "DeepEmoCluster+unlabelled", "deepemocluster+unlabelled", "baseline", true, true)]
    [InlineData("deepemocluster+unlabeled", "DeepEmoCluster+unlabelled", "deepemocluster+unlabelled", "baseline", true, true)]
    [InlineData("t3+t1:regressor", "T1+T3:regressor", "t1+t3_regressor", "t1+t3", false, false)]
    [InlineData("T3:deepemocluster", "T3:DeepEmoCluster", "t3_deepemocluster", "t3", true, false)]
    [InlineData("baseline:regressor", "regressor", "regressor", "baseline", false, false)]
    public void ParsesMethodUnlabelledDataAndPretraining(string text, string name, string slug, string pretraining, bool clustering, bool unlabelled)
    {
        var c = AttributeCondition.Parse(text);
        Assert.Equal((name, slug, pretraining, clustering, unlabelled), (c.Name, c.Slug, c.Pretraining.PretrainingSlug, c.Clustering, c.Unlabelled));
        Assert.Equal(c, AttributeCondition.Parse(c.Name));
        Assert.Equal(slug, AttributeRunKey.Slug(c.Name));
    }

    [Theory]
    [InlineData("regression")]
    [InlineData("regressor+unlabelled")]
    [InlineData("t4:regressor")]
    [InlineData("t1:distribution:regressor")]
    [InlineData("")]
    public void RefusesUnknownConditions(string text) =>
        Assert.Contains("attribute condition", Assert.Throws<ArgumentException>(() => AttributeCondition.Parse(text)).Message);

    [Fact]
    public void ListsAddTheRegressorAndOrderRows()
    {
        Assert.Empty(AttributeCondition.ParseList([]));
        Assert.Equal(new[] { "regressor", "DeepEmoCluster", "DeepEmoCluster+unlabelled", "T3:regressor" },
            AttributeCondition.ParseList(["t3:regressor", "deepemocluster+unlabelled", "deepemocluster"]).Select(c => c.Name));
        Assert.True(AttributeCondition.ParseList(["deepemocluster"])[0].IsReference);
        Assert.Throws<ArgumentException>(() => AttributeCondition.ParseList(["regressor", "Regressor"]));
    }

    [Fact]
    public void RecipesPretrainEachTaskSetOnceForBothStudies()
    {
        var recipe = new Recipe
        {
            Conditions = ["t3", "t3:distribution"],
            Attributes = new AttributesRecipe { Conditions = ["t3:regressor", "t1+t2:deepemocluster", "deepemocluster"] },
        };
        Assert.Equal(new[] { "t3", "t1+t2" }, recipe.ResolvePretrainings().Select(c => c.PretrainingSlug));
        Assert.Empty((recipe with { Conditions = ["baseline"], Attributes = new AttributesRecipe { Conditions = ["deepemocluster"] } }).ResolvePretrainings());
    }
}
