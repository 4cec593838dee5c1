using SerKit.Experiments;
using SerKit.Labels;
using Xunit;

namespace SerKit.Tests.Experiments;

public class ExperimentConditionTests
{
    [Theory]
    [InlineData("baseline", "baseline", "baseline", "baseline", LabelType.Hard, false)]
    [InlineData("T3+t1", "T1+T3", "t1+t3", "t1+t3", LabelType.Hard, false)]
    [InlineData("t3:distribution", "T3:distribution", "t3_distribution", "t3", LabelType.Distribution, false)]
    [InlineData("none:hard+penalty", "baseline:hard+penalty", "baseline_hard+penalty", "baseline", LabelType.Hard, true)]
    [InlineData("t1+t2+t3:multi-label+penalty", "T1+T2+T3:multi_label+penalty", "t1+t2+t3_multi_label+penalty", "t1+t2+t3", LabelType.MultiLabel, true)]
    [InlineData("t2:hard", "T2", "t2", "t2", LabelType.Hard, false)]
    public void ParsesTasksLabelTypeAndPenalty(string text, string name, string slug, string pretraining, LabelType type, bool penalty)
    {
        var c = ExperimentCondition.Parse(text);
        Assert.Equal((name, slug, pretraining, type, penalty), (c.Name, c.Slug, c.PretrainingSlug, c.LabelType, c.Penalty));
        Assert.Equal(c, ExperimentCondition.Parse(c.Name));
    }

    [Theory]
    [InlineData("t4")]
    [InlineData("t1+t1")]
    [InlineData("t1:soft")]
    [InlineData("t1:hard+penalty+penalty")]
    [InlineData("t1:hard+extra")]
    public void RefusesUnknownConditions(string text) => Assert.Throws<ArgumentException>(() => ExperimentCondition.Parse(text));

    [Fact]
    public void ListsAddTheBaselineAndOrderRows()
    {
        Assert.Equal(new[] { "baseline", "T1", "T2", "T3", "T1+T2", "T1+T3", "T2+T3", "T1+T2+T3" }, ExperimentCondition.ParseList(["all"]).Select(c => c.Name));
        Assert.Equal(new[] { "baseline", "baseline:distribution", "T3", "T3:hard+penalty" },
            ExperimentCondition.ParseList(["t3:hard+penalty", "baseline:distribution", "t3"]).Select(c => c.Name));
        Assert.Throws<ArgumentException>(() => ExperimentCondition.ParseList(["t1", "T1:hard"]));
    }
}
