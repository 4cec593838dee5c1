using System.Text.Json;
using SerKit.Audio;
using SerKit.Inference;
using SerKit.Media;
using SerKit.Modeling;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Modeling;
using static TorchSharp.torch;

namespace SerKit.Tests.Inference;

public class SerClassifierTests
{
    private static readonly ScoringWindows Windows = new() { WindowFrames = 100, HopFrames = 50 };

    /// <summary>A seeded, untrained model on 32 mel bands with 1 s windows, saved as a model folder.</summary>
    private static string SavedModel(string dir)
    {
        var config = new EncoderConfig { InputDim = 32, Width = 32, Layers = 1, Heads = 2, FeedForward = 48 };
        using var model = ModelTestData.Model(config, seed: 5);
        using (model)
        {
            var features = new ModelFeatures { Mels = 32 };
            var norm = new FeatureNormalization(Enumerable.Repeat(-8f, 32).ToArray(), Enumerable.Repeat(3f, 32).ToArray());
            model.InputNorm.Set(norm);
            var path = Path.Combine(dir, "model");
            ModelDirectory.Save(path, model, new ModelConfig { Encoder = config, Heads = model.Heads, Features = features, Windows = Windows }, norm);
            return path;
        }
    }

    private static float[] Chirp(double seconds) =>
        Enumerable.Range(0, (int)(seconds * 16000)).Select(n => (float)(0.3 * Math.Sin(2 * Math.PI * (200 + 300.0 * n / 16000) * n / 16000))).ToArray();

    [Fact]
    public void ALongFileIsScoredInWindowsWhosePosteriorsAreAveraged()
    {
        var dir = RepoPaths.NewTempFolder();
        using var classifier = SerClassifier.Load(SavedModel(dir));
        Assert.Equal("ser", classifier.HeadName);
        var x = Chirp(3.0); // 301 frames: windows start at 0, 50, 100, 150, 200 and 201
        var result = classifier.Classify(x);
        Assert.Equal(6, result.Windows);
        Assert.Equal(1.0, result.Scores.Values.Sum(), 5);

        var features = FeatureExtractors.Create(classifier.Config.Features.ToOptions()).Compute(x, out int frames);
        Assert.Equal(301, frames);
        var mean = new double[classifier.Classes.Count];
        foreach (var start in new[] { 0, 50, 100, 150, 200, 201 })
        {
            var window = features.AsSpan(start * 32, 100 * 32).ToArray();
            var one = classifier.ClassifyFeatures(window, 100);
            Assert.Equal(1, one.Windows);
            for (int c = 0; c < mean.Length; c++) mean[c] += one.Scores[classifier.Classes[c]] / 6;
        }
        for (int c = 0; c < mean.Length; c++) Assert.Equal(mean[c], result.Scores[classifier.Classes[c]], 5);
        Assert.Equal(classifier.Classes[Array.IndexOf(mean, mean.Max())], result.Label);

        // A short file is scored whole.
        Assert.Equal(1, classifier.Classify(Chirp(0.8)).Windows);
    }

    [Fact]
    public void FilesAndSamplesGiveTheSameResultAlsoFromSeveralThreads()
    {
        var dir = RepoPaths.NewTempFolder();
        using var classifier = SerClassifier.Load(SavedModel(dir));
        var signals = Enumerable.Range(0, 6).Select(i => Chirp(0.5 + 0.5 * i)).ToArray();
        var paths = signals.Select((s, i) =>
        {
            var p = Path.Combine(dir, $"s{i}.wav");
            WavFile.Write(p, s, 16000);
            return p;
        }).ToArray();
        var serial = paths.Select(classifier.Classify).ToArray();
        for (int i = 0; i < signals.Length; i++)
        {
            // The same samples (as decoded from the PCM16 file) in memory.
            var fromSamples = classifier.Classify(AudioDecoder.ReadAll(paths[i]));
            foreach (var c in classifier.Classes) Assert.Equal(serial[i].Scores[c], fromSamples.Scores[c]);
        }
        var parallel = new ClassificationResult[paths.Length * 4];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = classifier.Classify(paths[i % paths.Length]));
        for (int i = 0; i < parallel.Length; i++)
            foreach (var c in classifier.Classes) Assert.Equal(serial[i % paths.Length].Scores[c], parallel[i].Scores[c]);

        var e = Assert.Throws<MediaException>(() => classifier.Classify(Path.Combine(dir, "missing.wav")));
        Assert.Contains("missing.wav", e.Message);
    }

    [Fact]
    public void PredictCommandWritesLabelsScoresAndWindowCounts()
    {
        var dir = RepoPaths.NewTempFolder();
        var model = SavedModel(dir);
        var media = Path.Combine(dir, "media");
        Directory.CreateDirectory(media);
        WavFile.Write(Path.Combine(media, "long.wav"), Chirp(3.0), 16000);
        WavFile.Write(Path.Combine(media, "short.wav"), Chirp(0.5), 16000);

        var (code, stdout, stderr) = CliRunner.Run("predict", "--model", model, media);
        Assert.True(code == 0, stderr);
        var lines = stdout.Trim().Split('\n');
        Assert.Equal("path,label,windows,score_a,score_b,score_c", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("long.wav", lines[1].Split(',')[0]);
        Assert.Equal("6", lines[1].Split(',')[2]);
        Assert.Equal("1", lines[2].Split(',')[2]);

        var json = Path.Combine(dir, "out.json");
        (code, _, stderr) = CliRunner.Run("predict", "--model", model, Path.Combine(media, "long.wav"), "-o", json);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var item = doc.RootElement[0];
        Assert.Equal(6, item.GetProperty("windows").GetInt32());
        Assert.Equal(lines[1].Split(',')[1], item.GetProperty("label").GetString());
        Assert.Equal(1.0, item.GetProperty("scores").EnumerateObject().Sum(p => p.Value.GetDouble()), 4);

        (code, _, stderr) = CliRunner.Run("predict", "--model", Path.Combine(dir, "nope"), media);
        Assert.Equal(1, code);
        Assert.Contains("nope", stderr);
    }
}
