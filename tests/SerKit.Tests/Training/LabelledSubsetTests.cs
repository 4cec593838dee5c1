using SerKit.Training;

namespace SerKit.Tests.Training;

public class LabelledSubsetTests
{
    [Fact]
    public void KeepsTheShareOfEveryClassReproducibly()
    {
        var examples = Enumerable.Range(0, 100).Select(i => new TrainingExample($"u{i}", [i < 70 ? 0 : i < 95 ? 1 : 2])).ToArray();
        var a = LabelledSubset.Choose(examples, 0.2, seed: 5);
        Assert.Equal(14, a.Count(e => e.Labels[0] == 0));
        Assert.Equal(5, a.Count(e => e.Labels[0] == 1));
        Assert.Equal(1, a.Count(e => e.Labels[0] == 2));
        Assert.Equal(a.Select(e => e.Id), LabelledSubset.Choose(examples, 0.2, seed: 5).Select(e => e.Id));
        Assert.NotEqual(a.Select(e => e.Id), LabelledSubset.Choose(examples, 0.2, seed: 6).Select(e => e.Id));
        Assert.Equal(a.Select(e => e.Id).OrderBy(id => int.Parse(id[1..])), a.Select(e => e.Id)); // input order kept
        Assert.Same(examples, LabelledSubset.Choose(examples, 1.0, seed: 5));
        Assert.Throws<ArgumentException>(() => LabelledSubset.Choose(examples, 0, seed: 5));
    }
}
