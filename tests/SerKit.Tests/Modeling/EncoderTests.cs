using System.Runtime.InteropServices;
using SerKit.Modeling;
using static TorchSharp.torch;

namespace SerKit.Tests.Modeling;

public class EncoderTests
{
    [Fact]
    public void StateDictUsesPyTorchNames()
    {
        using var model = ModelTestData.Model(ModelTestData.Small());
        var names = model.state_dict().Keys.ToHashSet();
        foreach (var expected in new[]
                 {
                     "input_norm.mean", "input_norm.std", "frontend.layers.0.weight", "frontend.layers.1.bias",
                     "encoder.layers.0.self_attn.in_proj_weight", "encoder.layers.0.self_attn.in_proj_bias",
                     "encoder.layers.1.self_attn.out_proj.weight", "encoder.layers.1.linear1.weight", "encoder.layers.1.linear2.bias",
                     "encoder.layers.0.norm1.weight", "encoder.layers.0.norm2.bias", "encoder.norm.weight",
                     "pooling.hidden.weight", "pooling.score.bias", "heads.ser.weight", "heads.t1.bias",
                 })
            Assert.Contains(expected, names);
        Assert.DoesNotContain(names, n => n.Split('.').Any(part => part.StartsWith('_')));
        Assert.Equal(new long[] { 96, 32 }, model.state_dict()["encoder.layers.0.self_attn.in_proj_weight"].shape);
        Assert.Equal(new long[] { 32, 16, 3 }, model.state_dict()["frontend.layers.0.weight"].shape);
        Assert.DoesNotContain(names, n => n.StartsWith("positions", StringComparison.Ordinal));

        using var learned = ModelTestData.Model(ModelTestData.Small("learned", normFirst: false));
        var learnedNames = learned.state_dict().Keys.ToHashSet();
        Assert.Contains("positions.weight", learnedNames);
        Assert.DoesNotContain("encoder.norm.weight", learnedNames);
    }

    [Fact]
    public void ShapesFollowTheConfig()
    {
        var config = ModelTestData.Small();
        using var model = ModelTestData.Model(config);
        using var scope = NewDisposeScope();
        var x = tensor(ModelTestData.Values(3 * 41 * 16, 1), new long[] { 3, 41, 16 });
        var lengths = tensor(new long[] { 41, 30, 7 });
        var (frames, mask) = model.Encode(x, lengths);
        Assert.Equal(new long[] { 3, config.OutputFrames(41), 32 }, frames.shape);
        Assert.Equal(new long[] { 21, 15, 4 }, mask.sum(1).data<long>().ToArray());
        Assert.Equal(new long[] { 3, 32 }, model.call(x, lengths).shape);
        Assert.Equal(new long[] { 3, 3 }, model.Logits("ser", model.call(x, lengths)).shape);
        Assert.Equal(new long[] { 3, 2 }, model.Logits("t1", model.call(x, lengths)).shape);
        Assert.Throws<ArgumentException>(() => model.Logits("t3", model.call(x, lengths)));
    }

    [Theory]
    [InlineData("sinusoidal", true, new[] { 1, 2 })]
    [InlineData("learned", false, new[] { 2, 1, 2 })]
    [InlineData("sinusoidal", false, new[] { 1 })]
    public void PaddingDoesNotChangeTheEmbedding(string positions, bool normFirst, int[] strides)
    {
        using var model = ModelTestData.Model(ModelTestData.Small(positions, normFirst, strides));
        int[] lengths = { 37, 23, 9, 4 };
        int padded = 40;
        var batch = new float[lengths.Length * padded * 16];
        var alone = new float[lengths.Length][];
        for (int b = 0; b < lengths.Length; b++)
        {
            alone[b] = ModelTestData.Values(lengths[b] * 16, 10 + b);
            alone[b].CopyTo(batch, b * padded * 16);
            // Garbage after the end: must not leak into the real frames' outputs.
            var junk = ModelTestData.Values((padded - lengths[b]) * 16, 100 + b).Select(v => v * 1000).ToArray();
            junk.CopyTo(batch, b * padded * 16 + lengths[b] * 16);
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var together = model.call(tensor(batch, new long[] { lengths.Length, padded, 16 }), tensor(lengths.Select(l => (long)l).ToArray()));
        for (int b = 0; b < lengths.Length; b++)
        {
            var single = model.call(tensor(alone[b], new long[] { 1, lengths[b], 16 }), tensor(new long[] { lengths[b] }));
            var diff = together[b].sub(single[0]).abs().max().item<float>();
            Assert.True(diff < 1e-5f, $"sequence {b} (length {lengths[b]}): embedding changed by {diff} with padding");
        }
    }

    [Fact]
    public void AttentivePoolingWeightsSumToOneOverRealFrames()
    {
        SerKit.Runtime.TorchRuntime.Start();
        manual_seed(3);
        using var pooling = new AttentivePooling(8, 5);
        using var scope = NewDisposeScope();
        var h = tensor(ModelTestData.Values(3 * 6 * 8, 5), new long[] { 3, 6, 8 });
        var mask = SequenceMasks.FromLengths(tensor(new long[] { 6, 4, 1 }), 6);
        var w = pooling.Weights(h, mask);
        var sums = w.sum(1).data<float>().ToArray();
        foreach (var s in sums) Assert.Equal(1.0, s, 5);
        var weights = w.data<float>().ToArray();
        Assert.Equal(0f, weights[1 * 6 + 4]);
        Assert.Equal(0f, weights[1 * 6 + 5]);
        Assert.Equal(1f, weights[2 * 6 + 0], 6);
        Assert.True(weights[0..6].All(v => v > 0));
        // The embedding is the weighted mean of the frames.
        var pooled = pooling.call(h, mask);
        var expected = w.unsqueeze(-1).mul(h).sum(1);
        Assert.True(pooled.sub(expected).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void ConfigIsValidatedWithClearMessages()
    {
        var e = Assert.Throws<ArgumentException>(() => new EncoderConfig { Width = 130, Heads = 4 }.Validate());
        Assert.Contains("heads (4) must divide width (130)", e.Message);
        Assert.Throws<ArgumentException>(() => new EncoderConfig { ConvKernel = 4 }.Validate());
        Assert.Throws<ArgumentException>(() => new EncoderConfig { Positions = "rotary" }.Validate());
        Assert.Equal(151, new EncoderConfig().OutputFrames(301));
    }

    [Fact]
    public void ScoringWindowsCoverLongUtterances()
    {
        var w = new ScoringWindows { WindowFrames = 300, HopFrames = 150 };
        Assert.Equal(new[] { 0 }, w.Starts(120));
        Assert.Equal(new[] { 0 }, w.Starts(300));
        Assert.Equal(new[] { 0, 1 }, w.Starts(301));
        Assert.Equal(new[] { 0, 150, 300, 400 }, w.Starts(700));
        Assert.Equal(new[] { 0, 150, 300 }, w.Starts(600));
    }
}
