using SerKit.Corpus;

namespace SerKit.Tests.Corpus;

public class SplitMix64Tests
{
    // Reference values: tools/splitmix64_reference.py (Python) and Vigna's splitmix64.c agree on them.
    [Theory]
    [InlineData(0UL, new[] { 16294208416658607535UL, 7960286522194355700UL, 487617019471545679UL, 17909611376780542444UL, 1961750202426094747UL })]
    [InlineData(1234567UL, new[] { 6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL })]
    public void MatchesTheReferenceImplementation(ulong seed, ulong[] expected)
    {
        var g = new SplitMix64(seed);
        Assert.Equal(expected, expected.Select(_ => g.Next()).ToArray());
    }

    [Fact]
    public void ShuffleMatchesTheReference()
    {
        var xs = Enumerable.Range(0, 10).ToList();
        new SplitMix64(42).Shuffle(xs);
        Assert.Equal(new[] { 0, 9, 5, 8, 6, 4, 7, 2, 1, 3 }, xs);
    }

    [Fact]
    public void NextBelowIsInRangeAndCoversIt()
    {
        var g = new SplitMix64(7);
        var seen = new int[7];
        for (int i = 0; i < 7000; i++) seen[g.NextBelow(7)]++;
        Assert.All(seen, n => Assert.InRange(n, 850, 1150));
        Assert.Equal(0UL, g.NextBelow(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.NextBelow(0));
        Assert.InRange(g.NextBelow(ulong.MaxValue), 0UL, ulong.MaxValue - 1);
    }
}
