using System.Runtime.InteropServices;
using SerKit.Modeling;
using static TorchSharp.torch;

namespace SerKit.Tests.Modeling;

public class DropoutGeneratorTests
{
    [Fact]
    public void TheVectorPathEqualsTheElementDefinitionWhateverTheSplit()
    {
        const ulong key = 0x1234_5678_9ABC_DEF0UL;
        ushort threshold = DropoutGenerator.Threshold(0.3);
        int n = 300_007;
        var reference = new float[n];
        for (int i = 0; i < n; i++)
        {
            ulong h = DropoutGenerator.Mix(key + ((ulong)i / 4 + 1) * 0x9E3779B97F4A7C15UL);
            reference[i] = (ushort)(h >> (16 * (i % 4))) >= threshold ? 2f : 0f;
        }
        foreach (var bits in new[] { 512, 256, 0 })
        {
            var whole = new float[n];
            DropoutGenerator.FillRange(whole, 0, key, threshold, 2f, bits);
            Assert.Equal(reference, whole);
        }
        foreach (var threads in new[] { 2, 3 })
        {
            var split = new float[n];
            DropoutGenerator.Fill(split, key, threshold, 2f, threads);
            Assert.Equal(reference, split);
        }
    }

    [Fact]
    public void MasksDropTheRequestedShareScaleTheRestAndDifferPerCallAndSeed()
    {
        SerKit.Runtime.TorchRuntime.Start();
        var g = new DropoutGenerator(42);
        using var scope = NewDisposeScope();
        var m1 = g.Mask([1000, 1000], 0.1).data<float>().ToArray();
        var m2 = g.Mask([1000, 1000], 0.1).data<float>().ToArray();
        double dropped = m1.Count(v => v == 0) / 1e6;
        Assert.InRange(dropped, 0.098, 0.102);
        Assert.All(m1.Where(v => v != 0).Take(1000), v => Assert.Equal(1f / 0.9f, v));
        Assert.NotEqual(m1, m2);
        g.Reseed(42);
        Assert.Equal(m1, g.Mask([1000, 1000], 0.1).data<float>().ToArray());
        g.Reseed(43);
        Assert.NotEqual(m1, g.Mask([1000, 1000], 0.1).data<float>().ToArray());
        // Neighbouring elements are independent: pairs of drops occur at about p².
        double both = Enumerable.Range(0, m1.Length - 1).Count(i => m1[i] == 0 && m1[i + 1] == 0) / (double)(m1.Length - 1);
        Assert.InRange(both, 0.0085, 0.0115);

        var x = ones(4, 8).requires_grad_();
        var y = g.Apply(x, 0.5);
        y.sum().backward();
        var mask = y.detach().data<float>().ToArray();
        Assert.Equal(mask, x.grad!.data<float>().ToArray()); // the gradient is the mask
        Assert.Same(x, g.Apply(x, 0));
    }
}
