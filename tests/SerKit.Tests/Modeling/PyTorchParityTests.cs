using System.Diagnostics;
using SerKit.IO;
using SerKit.Modeling;
using SerKit.Tests.Audio;
using SerKit.Tests.Fixtures;
using static TorchSharp.torch;

namespace SerKit.Tests.Modeling;

/// <summary>
/// tools/serkit_model.py rebuilds the network with stock PyTorch modules (Debian's torch 1.13), loads a
/// SerKit model folder with load_state_dict(strict=True) and must compute the same outputs.
/// </summary>
public class PyTorchParityTests
{
    [SkippableTheory]
    [InlineData("sinusoidal", true, "gelu")]
    [InlineData("learned", false, "relu")]
    public void PyTorchDefinitionComputesTheSameOutputs(string positions, bool normFirst, string activation) =>
        CheckParity(ModelTestData.Small(positions, normFirst) with { Activation = activation, Width = 64, Heads = 4, FeedForward = 96 });

    /// <summary>
    /// The chunk-level encoder (3 chunks of 12 frames; the lengths 50, 33 and 6 give chunks with gaps, overlapping
    /// chunks and a repeat-padded utterance): both chunk encoders and every aggregation, pre- and post-norm, in one
    /// Python process.
    /// </summary>
    [SkippableFact]
    public void PyTorchDefinitionComputesTheSameChunkModelOutputs()
    {
        EncoderConfig Chunk(string encoder, string aggregation, int lstmLayers, bool normFirst, string activation) =>
            ModelTestData.SmallChunk(encoder, aggregation) with
            {
                Activation = activation, NormFirst = normFirst, Width = 64, Heads = 4, FeedForward = 96,
                Chunk = new ChunkSettings { Frames = 12, Chunks = 3, Encoder = encoder, Aggregation = aggregation, LstmLayers = lstmLayers },
            };
        CheckParity(Chunk("lstm", "gated_attention", 1, true, "gelu"), Chunk("cnn", "self_attention", 1, false, "relu"), Chunk("lstm", "mean", 2, true, "gelu"));
    }

    private static void CheckParity(params EncoderConfig[] configs)
    {
        RequireTorch();
        var dir = RepoPaths.NewTempFolder();
        long[] lengths = { 50, 33, 6 };
        int padded = 50;
        var x = ModelTestData.Values(lengths.Length * padded * 16, 42).Select(v => v * 5 - 3).ToArray();
        NpyWriter.WriteFile(Path.Combine(dir, "x.npy"), x, 16);
        NpyWriter.WriteFile(Path.Combine(dir, "lengths.npy"), lengths.Select(l => (float)l).ToArray(), 1);
        var models = new List<SerModel>();
        try
        {
            var arguments = new System.Text.StringBuilder($"\"{Path.Combine(RepoPaths.Root, "tools", "serkit_model.py")}\"");
            for (int i = 0; i < configs.Length; i++)
            {
                var model = ModelTestData.Model(configs[i], seed: 11 + i);
                models.Add(model);
                var normalization = new FeatureNormalization(ModelTestData.Values(16, 1).Select(v => v * 3).ToArray(),
                    ModelTestData.Values(16, 2).Select(v => 0.5f + Math.Abs(v)).ToArray());
                model.InputNorm.Set(normalization);
                ModelDirectory.Save(Path.Combine(dir, $"model{i}"), model, new ModelConfig { Encoder = configs[i], Heads = model.Heads }, normalization);
                arguments.Append($" \"{Path.Combine(dir, $"model{i}")}\" \"{Path.Combine(dir, "x.npy")}\" \"{Path.Combine(dir, "lengths.npy")}\" \"{Path.Combine(dir, $"out{i}")}\"");
            }
            Python(arguments.ToString());

            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            for (int i = 0; i < models.Count; i++)
            {
                var what = configs[i].IsChunkLevel ? $"{configs[i].Chunk.Encoder}/{configs[i].Chunk.Aggregation}" : "transformer";
                var embedding = models[i].call(tensor(x, new long[] { lengths.Length, padded, 16 }), tensor(lengths));
                Compare(embedding, NpyArray.Read(Path.Combine(dir, $"out{i}", "embedding.npy")), $"{what} embedding");
                foreach (var head in models[i].Heads)
                    Compare(models[i].Logits(head.Name, embedding), NpyArray.Read(Path.Combine(dir, $"out{i}", $"logits_{head.Name}.npy")), $"{what} {head.Name}");
            }
        }
        finally
        {
            foreach (var m in models) m.Dispose();
        }
    }

    private static void Compare(Tensor ours, NpyArray theirs, string what)
    {
        Assert.Equal(ours.shape, theirs.Shape);
        var a = ours.contiguous().data<float>().ToArray();
        double worst = a.Zip(theirs.Data, (p, q) => Math.Abs(p - q)).Max();
        Assert.True(worst <= 1e-4, $"{what}: SerKit and PyTorch differ by up to {worst}");
        Assert.True(a.Any(v => Math.Abs(v) > 1e-3), $"{what}: outputs are all near zero, the comparison would prove nothing");
    }

    internal static void RequireTorch()
    {
        if (!File.Exists(TorchaudioReference.Python)) FixtureCache.Unavailable($"{TorchaudioReference.Python} is not installed (PyTorch reference)");
        var (code, _, err) = Execute("-c \"import numpy, torch\"");
        if (code != 0) FixtureCache.Unavailable($"python3 cannot import numpy/torch: {err.Trim()}");
    }

    private static void Python(string arguments)
    {
        var (code, output, err) = Execute(arguments);
        if (code != 0) throw new InvalidOperationException($"python3 {arguments} exited {code}:\n{output}\n{err}");
    }

    private static (int Code, string Output, string Error) Execute(string arguments)
    {
        var psi = new ProcessStartInfo(TorchaudioReference.Python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start python3");
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 {arguments} timed out");
        }
        return (p.ExitCode, output, err.Result);
    }
}
