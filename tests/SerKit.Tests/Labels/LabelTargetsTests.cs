using SerKit.Labels;

namespace SerKit.Tests.Labels;

public class LabelTargetsTests
{
    [Fact]
    public void EachLabelTypeMakesItsTarget()
    {
        double[] votes = [6, 0, 3, 1];
        Assert.Equal([0f, 0, 1, 0], LabelTargets.Make(LabelType.Hard, 2, votes, 4)!);
        Assert.Null(LabelTargets.Make(LabelType.Hard, null, votes, 4)); // a tie has no consensus
        Assert.Equal([1f, 0, 1, 1], LabelTargets.Make(LabelType.MultiLabel, null, votes, 4)!);
        Assert.Equal([0.6f, 0, 0.3f, 0.1f], LabelTargets.Make(LabelType.Distribution, 0, votes, 4)!);
        Assert.Null(LabelTargets.Make(LabelType.Distribution, 0, [0, 0, 0, 0], 4));
        Assert.Null(LabelTargets.Make(LabelType.MultiLabel, 0, null, 4));
        Assert.Throws<ArgumentException>(() => LabelTargets.Make(LabelType.Distribution, 0, [1, -1, 0, 0], 4));
        Assert.Throws<ArgumentException>(() => LabelTargets.Make(LabelType.Distribution, 0, [1, 1], 4));
    }
}
