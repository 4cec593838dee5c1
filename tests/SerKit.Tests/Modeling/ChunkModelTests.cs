using System.Text.Json.Nodes;
using SerKit.Modeling;
using SerKit.Runtime;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;
using static TorchSharp.torch;

namespace SerKit.Tests.Modeling;

/// <summary>The chunk-level encoder inside <see cref="SerModel"/>: names, shapes, padding, gradients, files, seeds.</summary>
[Collection(TorchTrainingCollection.Name)]
public class ChunkModelTests
{
    [Theory]
    [MemberData(nameof(ModelTestData.ChunkVariants), MemberType = typeof(ModelTestData))]
    public void StateDictNamesFollowTheChunkModules(string encoder, string aggregation)
    {
        using var model = ModelTestData.Model(ModelTestData.SmallChunk(encoder, aggregation));
        var state = model.state_dict();
        var names = state.Keys.ToHashSet();
        Assert.Contains("input_norm.mean", names);
        Assert.Contains("heads.ser.weight", names);
        Assert.DoesNotContain(names, n => n.StartsWith("frontend.", StringComparison.Ordinal) || n.StartsWith("encoder.", StringComparison.Ordinal)
                                          || n.StartsWith("pooling.", StringComparison.Ordinal) || n.StartsWith("positions", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Split('.').Any(part => part.StartsWith('_')));
        if (encoder == "lstm")
        {
            Assert.Equal(new long[] { 4 * 32, 16 }, state["chunk_encoder.lstm.weight_ih_l0"].shape);
            Assert.Equal(new long[] { 4 * 32, 32 }, state["chunk_encoder.lstm.weight_hh_l0"].shape);
            Assert.Contains("chunk_encoder.lstm.bias_ih_l0", names);
            Assert.Contains("chunk_encoder.lstm.bias_hh_l0", names);
        }
        else
        {
            Assert.Equal(new long[] { 32, 16, 3 }, state["chunk_encoder.layers.0.weight"].shape);
            Assert.Contains("chunk_encoder.layers.1.bias", names);
        }
        var aggregationNames = names.Where(n => n.StartsWith("aggregation.", StringComparison.Ordinal)).ToArray();
        switch (aggregation)
        {
            case "mean":
                Assert.Empty(aggregationNames);
                break;
            case "gated_attention":
                Assert.Equal(new[] { "aggregation.attention_u.bias", "aggregation.attention_u.weight", "aggregation.attention_v.bias", "aggregation.attention_v.weight",
                    "aggregation.score.bias", "aggregation.score.weight" }, aggregationNames.Order(StringComparer.Ordinal));
                Assert.Equal(new long[] { 24, 32 }, state["aggregation.attention_v.weight"].shape);
                break;
            default:
                Assert.Contains("aggregation.encoder.layers.0.self_attn.in_proj_weight", aggregationNames);
                Assert.Contains("aggregation.encoder.layers.0.linear1.weight", aggregationNames);
                Assert.Contains("aggregation.encoder.norm.weight", aggregationNames);
                Assert.DoesNotContain("aggregation.encoder.layers.1.linear1.weight", aggregationNames);
                break;
        }
        using var twoLayers = ModelTestData.Model(ModelTestData.SmallChunk() with { Chunk = new ChunkSettings { Frames = 12, Chunks = 3, LstmLayers = 2 } });
        Assert.Contains("chunk_encoder.lstm.weight_hh_l1", twoLayers.state_dict().Keys);
    }

    [Theory]
    [MemberData(nameof(ModelTestData.ChunkVariants), MemberType = typeof(ModelTestData))]
    public void PaddingDoesNotChangeTheEmbedding(string encoder, string aggregation)
    {
        // Lengths below, at and above one chunk (12 frames) and above C·m (36 frames).
        using var model = ModelTestData.Model(ModelTestData.SmallChunk(encoder, aggregation));
        int[] lengths = { 50, 23, 12, 5 };
        int padded = 53;
        var batch = ModelTestData.Values(lengths.Length * padded * 16, 3);
        for (int b = 0; b < lengths.Length; b++)
            for (int t = lengths[b]; t < padded; t++)
                for (int d = 0; d < 16; d++) batch[(b * padded + t) * 16 + d] = 1e4f;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (chunks, mask) = model.Encode(tensor(batch, new long[] { lengths.Length, padded, 16 }), tensor(lengths.Select(l => (long)l).ToArray()));
        Assert.Equal(new long[] { 4, 3, 32 }, chunks.shape);
        Assert.True(mask.all().item<bool>());
        var together = model.call(tensor(batch, new long[] { lengths.Length, padded, 16 }), tensor(lengths.Select(l => (long)l).ToArray()));
        Assert.Equal(new long[] { 4, 32 }, together.shape);
        for (int b = 0; b < lengths.Length; b++)
        {
            var alone = model.call(tensor(batch.AsSpan(b * padded * 16, lengths[b] * 16).ToArray(), new long[] { 1, lengths[b], 16 }), tensor(new long[] { lengths[b] }));
            double worst = together[b].sub(alone[0]).abs().max().item<float>();
            Assert.True(worst < 1e-5, $"utterance {b}: batch and alone differ by {worst}");
        }
        Assert.Equal(new long[] { 4, 3 }, model.Logits("ser", together).shape);
    }

    [Theory]
    [MemberData(nameof(ModelTestData.ChunkVariants), MemberType = typeof(ModelTestData))]
    public void GradientsReachEveryEncoderParameter(string encoder, string aggregation)
    {
        using var model = ModelTestData.Model(ModelTestData.SmallChunk(encoder, aggregation));
        model.train();
        using var scope = NewDisposeScope();
        int[] lengths = { 40, 9, 30 };
        var x = tensor(ModelTestData.Values(3 * 40 * 16, 8), new long[] { 3, 40, 16 });
        var embedding = model.call(x, tensor(lengths.Select(l => (long)l).ToArray()));
        var loss = nn.functional.cross_entropy(model.Logits("ser", embedding), tensor(new long[] { 0, 2, 1 }));
        loss.backward();
        foreach (var (name, p) in model.named_parameters())
        {
            if (name.StartsWith("heads.t1.", StringComparison.Ordinal)) { Assert.True(p.grad is null || p.grad.abs().sum().item<float>() == 0, name); continue; }
            Assert.NotNull(p.grad);
            Assert.True(p.grad!.isfinite().all().item<bool>(), $"{name}: gradient not finite");
            Assert.True(p.grad.abs().sum().item<float>() > 0, $"{name}: no gradient");
        }
    }

    [Theory]
    [MemberData(nameof(ModelTestData.ChunkVariants), MemberType = typeof(ModelTestData))]
    public void ASavedChunkModelLoadsWithIdenticalOutputs(string encoder, string aggregation)
    {
        var dir = Path.Combine(RepoPaths.NewTempFolder(), "model");
        var config = ModelTestData.SmallChunk(encoder, aggregation);
        using var model = ModelTestData.Model(config);
        var normalization = new FeatureNormalization(ModelTestData.Values(16, 1), ModelTestData.Values(16, 2).Select(v => 0.5f + Math.Abs(v)).ToArray());
        model.InputNorm.Set(normalization);
        ModelDirectory.Save(dir, model, new ModelConfig { Encoder = config, Heads = model.Heads }, normalization);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!["encoder"]!;
        Assert.Equal("chunk", json["kind"]!.GetValue<string>());
        Assert.Equal(3, json["chunk"]!["chunks"]!.GetValue<int>());
        Assert.Equal(aggregation, json["chunk"]!["aggregation"]!.GetValue<string>());

        var (loaded, loadedConfig, _) = ModelDirectory.Load(dir);
        using (loaded)
        {
            Assert.Equal(config.Chunk, loadedConfig.Encoder.Chunk);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var x = tensor(ModelTestData.Values(2 * 30 * 16, 4), new long[] { 2, 30, 16 });
            var n = tensor(new long[] { 30, 17 });
            var a = model.call(x, n);
            var b = loaded.call(x, n);
            Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
            Assert.Equal(model.Logits("ser", a).data<float>().ToArray(), loaded.Logits("ser", b).data<float>().ToArray());
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeightsAlsoInParallel()
    {
        var config = ModelTestData.SmallChunk("lstm", "self_attention");
        HeadSpec[] heads = [new HeadSpec("ser", ["a", "b"])];
        Dictionary<string, (long[] Shape, float[] Data)> Build(long seed)
        {
            using var m = TorchRuntime.Seeded(seed, () => new SerModel(config, heads));
            return ModelWeights.Export(m);
        }
        var reference = Build(5);
        var results = new Dictionary<string, (long[] Shape, float[] Data)>[6];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i => results[i] = Build(i % 2 == 0 ? 5 : 6));
        for (int i = 0; i < results.Length; i += 2)
            foreach (var (name, w) in reference) Assert.Equal(w.Data, results[i][name].Data);
        Assert.NotEqual(reference["chunk_encoder.lstm.weight_ih_l0"].Data, results[1]["chunk_encoder.lstm.weight_ih_l0"].Data);
    }

    [Fact]
    public void ATransformerConfigWithoutTheNewKeysLoadsAsBefore()
    {
        var dir = Path.Combine(RepoPaths.NewTempFolder(), "model");
        var config = ModelTestData.Small();
        using var model = ModelTestData.Model(config);
        ModelDirectory.Save(dir, model, new ModelConfig { Encoder = config, Heads = model.Heads }, FeatureNormalization.Identity(16));
        // A config.json written before chunk-level models existed: no encoder.kind, no encoder.chunk.
        var path = Path.Combine(dir, "config.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.True(json["encoder"]!.AsObject().Remove("kind"));
        Assert.True(json["encoder"]!.AsObject().Remove("chunk"));
        File.WriteAllText(path, json.ToJsonString());
        var (loaded, loadedConfig, _) = ModelDirectory.Load(dir);
        using (loaded)
        {
            Assert.Equal("transformer", loadedConfig.Encoder.Kind);
            Assert.False(loadedConfig.Encoder.IsChunkLevel);
            Assert.Null(loaded.ChunkEncoder);
            Assert.NotNull(loaded.Pooling);
        }
    }

    [Fact]
    public void BadChunkSettingsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new SerModel(ModelTestData.SmallChunk(chunks: 0), [new HeadSpec("ser", ["a", "b"])]));
        Assert.Contains("chunk.chunks is 0", e.Message);
        Assert.Contains("aggregation", Assert.Throws<ArgumentException>(() => (ModelTestData.SmallChunk() with { Chunk = new ChunkSettings { Aggregation = "max" } }).Validate()).Message);
        Assert.Contains("encoder", Assert.Throws<ArgumentException>(() => (ModelTestData.SmallChunk() with { Chunk = new ChunkSettings { Encoder = "gru" } }).Validate()).Message);
        Assert.Contains("frames", Assert.Throws<ArgumentException>(() => (ModelTestData.SmallChunk() with { Chunk = new ChunkSettings { Frames = 0 } }).Validate()).Message);
        Assert.Contains("kind", Assert.Throws<ArgumentException>(() => (ModelTestData.Small() with { Kind = "rnn" }).Validate()).Message);
        // Chunk settings are not checked for the transformer, and C is fixed from the longest utterance only when 0.
        (ModelTestData.Small() with { Chunk = new ChunkSettings { Aggregation = "max" } }).Validate();
        Assert.Equal(4, ModelTestData.SmallChunk(chunks: 0).WithChunksFor(40).Chunk.Chunks); // ⌈40 / 12⌉
        Assert.Equal(3, ModelTestData.SmallChunk(chunks: 3).WithChunksFor(400).Chunk.Chunks);
        Assert.Equal(0, ModelTestData.Small().WithChunksFor(400).Chunk.Chunks);
    }
}
