using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SerKit.Face;
using SerKit.Media;
using SerKit.Orofacial;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;
using SerKit.Training;
using Xunit.Abstractions;

namespace SerKit.Tests.Orofacial;

/// <summary>
/// The variants trained on the demo corpus and scored on an unseen speaker: the landmark model beats the mean shape and follows the mouth
/// opening; the multitask variants train their secondary heads and report their accuracies.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class OrofacialLearningTests(OrofacialDemo demo, ITestOutputHelper output) : IClassFixture<OrofacialDemo>
{
    private static readonly OrofacialConfig Small = new() { ConvChannels = 32, LstmHidden = 32, LstmLayers = 1, Dropout = 0.2 };

    private static TrainingOptions Options(int epochs) => new()
    {
        Epochs = epochs, BatchSize = 8, LearningRate = 3e-3, Patience = 0, Seed = 3, Threads = 1,
        Windows = new() { WindowFrames = 100, HopFrames = 50 },
    };

    [Fact]
    public void EveryVariantTrainsAndTheTableComparesThem()
    {
        var clock = Stopwatch.StartNew();
        var dir = demo.File("experiment");
        var results = OrofacialExperiment.Run(new OrofacialExperimentRequest(
            new OrofacialDataRequest(demo.Train) { Valid = demo.Valid, FacesDirectory = demo.Faces, Workers = 2 }, demo.Test, dir)
        {
            Network = Small, Options = Options(8), VisemeClusters = 6,
        });
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(File.ReadAllText(Path.Combine(dir, OrofacialReport.MarkdownFile)));
        Assert.Equal(new[] { "single", "emotion", "viseme", "emotion_viseme" }, results.Select(r => r.Variant));
        foreach (var r in results)
        {
            var m = r.Metrics;
            Assert.Equal(12, m.Utterances);
            Assert.True(m.Rmse < m.BaselineRmse, $"{r.Variant}: RMSE {m.Rmse} vs mean shape {m.BaselineRmse}");
            Assert.True(m.MouthOpeningCorrelation > 0.4, $"{r.Variant}: mouth-opening r {m.MouthOpeningCorrelation}");
            Assert.True(m.MeanCorrelation > 0, $"{r.Variant}: mean r {m.MeanCorrelation}");
            Assert.True(File.Exists(Path.Combine(dir, r.Variant, OrofacialEvaluation.ResultsFileName)));
        }
        Assert.Null(results[0].Metrics.EmotionUa);
        Assert.Null(results[0].Metrics.VisemeAccuracy);
        foreach (var r in results.Where(r => r.Variant.Contains("emotion")))
        {
            Assert.Equal(12, r.Metrics.EmotionUtterances);
            Assert.InRange(r.Metrics.EmotionUa!.Value, 0, 1);
            Assert.NotNull(r.Metrics.EmotionMacroF1);
        }
        foreach (var r in results.Where(r => r.Variant.Contains("viseme")))
        {
            Assert.Equal(VisemeSource.Clusters, r.Visemes);
            Assert.True(r.Metrics.VisemeFrames > 2000);
            // Mouth-shape classes are predicted from speech better than by always answering the most frequent one.
            Assert.True(r.Metrics.VisemeAccuracy > r.Metrics.VisemeMajorityAccuracy, $"{r.Variant}: viseme accuracy {r.Metrics.VisemeAccuracy} vs {r.Metrics.VisemeMajorityAccuracy}");
        }
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, OrofacialReport.JsonFile)));
        var variants = json.RootElement.GetProperty("variants");
        Assert.Equal(4, variants.GetArrayLength());
        Assert.Equal(results[3].Metrics.VisemeAccuracy!.Value, variants[3].GetProperty("viseme_accuracy").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, variants[0].GetProperty("emotion_ua").ValueKind);
        var table = File.ReadAllText(Path.Combine(dir, OrofacialReport.MarkdownFile));
        Assert.Contains("| emotion_viseme | clusters |", table);
    }

    /// <summary>
    /// A two-viseme "alignment" of the demo corpus made for the test (the synthetic voice has no phone labels): 10 ms frames whose RMS is
    /// at least 10 % of the utterance's loudest frame are the vowel AA, the others silence; one CSV line per run of frames.
    /// </summary>
    private static string EnergyAlignments(OrofacialDemo demo, string path)
    {
        var sb = new StringBuilder("id,start,end,phone\n");
        foreach (var u in demo.Train.Items.Concat(demo.Valid.Items).Concat(demo.Test.Items))
        {
            var audio = AudioDecoder.ReadAll(demo.Train.FullPath(u)); // every manifest has the corpus folder as its root
            int frames = audio.Length / 160;
            var loud = new bool[frames];
            var rms = Enumerable.Range(0, frames).Select(f => Math.Sqrt(audio.AsSpan(f * 160, 160).ToArray().Average(v => v * (double)v))).ToArray();
            double max = rms.Max();
            for (int f = 0; f < frames; f++) loud[f] = rms[f] >= 0.1 * max;
            for (int start = 0; start < frames;)
            {
                int end = start;
                while (end < frames && loud[end] == loud[start]) end++;
                sb.Append(CultureInfo.InvariantCulture, $"{u.Id},{start * 0.01:0.00},{end * 0.01:0.00},{(loud[start] ? "AA1" : "sil")}\n");
                start = end;
            }
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [SkippableFact]
    public void TrainEvaluateAndAnimateFromTheCommandLine()
    {
        FixtureCache.RequireProgram("ffmpeg", "serkit animate renders the MP4 with it");
        FixtureCache.RequireProgram("ffprobe", "the test reads the MP4's streams with it");
        var dir = demo.File("cli");
        Directory.CreateDirectory(dir);
        var alignments = EnergyAlignments(demo, Path.Combine(dir, "phones.csv"));
        var model = Path.Combine(dir, "model");
        var (code, stdout, stderr) = CliRunner.InProcess(["orofacial-train", "--manifest", demo.File("train.csv"), "--valid", demo.File("valid.csv"),
            "--faces", demo.Faces, "-o", model, "--emotion", "--visemes", "alignments", alignments, "--epochs", "3", "--batch", "8", "--lr", "0.003",
            "--max-frames", "100", "--conv-channels", "16", "--lstm-hidden", "16", "--lstm-layers", "1", "--seed", "5", "-j", "2"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("trained orofacial model (emotion_viseme): 3 epochs", stdout);
        var config = OrofacialConfig.Read(Path.Combine(model, "config.json"));
        Assert.Equal(VisemeSource.Alignments, config.Visemes);
        Assert.Equal(["ANG", "DIS", "FEA", "HAP", "NEU", "SAD"], config.EmotionClasses!);

        var eval = Path.Combine(dir, "eval");
        (code, stdout, stderr) = CliRunner.InProcess(["orofacial-evaluate", "--model", model, "--manifest", demo.File("test.csv"), "--faces", demo.Faces,
            "-o", eval, "--alignments", alignments]);
        Assert.True(code == 0, stderr);
        Assert.Contains("12 utterances", stdout);
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(eval, OrofacialEvaluation.ResultsFileName))))
        {
            // Speech versus silence is learnt from speech within three epochs.
            double accuracy = json.RootElement.GetProperty("viseme_accuracy").GetDouble();
            double majority = json.RootElement.GetProperty("viseme_majority_accuracy").GetDouble();
            Assert.True(accuracy > majority + 0.05, $"viseme accuracy {accuracy} vs majority {majority}");
            Assert.Equal("alignments", json.RootElement.GetProperty("visemes").GetString());
        }
        Assert.True(File.Exists(Path.Combine(eval, OrofacialReport.MarkdownFile)));

        // animate → CSV: OpenFace schema, every point finite, frames at 30 fps for the audio's duration.
        var audio = demo.Test.FullPath(demo.Test.Items[0]);
        double seconds = WavFile.Duration(audio);
        var csv = Path.Combine(dir, "anim.csv");
        (code, stdout, stderr) = CliRunner.InProcess(["animate", audio, "--model", model, "-o", csv]);
        Assert.True(code == 0, stderr);
        var track = OpenFaceCsv.Read(csv, new FaceRequirements { Landmarks = true });
        Assert.Equal((int)Math.Round(seconds * 30), track.Frames.Count);
        Assert.All(track.Frames, f => Assert.True(f.HasValidLandmarks(1.0)));
        Assert.Equal(1.0 / 30, track.Frames[1].Timestamp - track.Frames[0].Timestamp, 3);
        // Brows and eyes come from the mean face and never move; the mouth does.
        Assert.Single(track.Frames.Select(f => f.Y[19]).Distinct());
        Assert.True(track.Frames.Select(f => f.Y[66]).Distinct().Count() > 10);

        // animate → MP4: a video and an audio stream, both as long as the speech.
        var mp4 = Path.Combine(dir, "anim.mp4");
        (code, stdout, stderr) = CliRunner.InProcess(["animate", audio, "--model", model, "-o", mp4, "--csv", Path.Combine(dir, "anim2.csv"), "--width", "320", "--height", "240"]);
        Assert.True(code == 0, stderr);
        // The face scales with the frame: at half the size every point is at half the coordinates.
        var half = OpenFaceCsv.Read(Path.Combine(dir, "anim2.csv"));
        Assert.Equal(track.Frames.Count, half.Frames.Count);
        for (int i = 0; i < 68; i++) Assert.Equal(track.Frames[5].X[i] / 2, half.Frames[5].X[i], 0.06);
        var streams = Probe(mp4);
        Assert.Equal(2, streams.Count);
        var video = streams.Single(s => s.Type == "video");
        var sound = streams.Single(s => s.Type == "audio");
        Assert.Equal("h264", video.Codec);
        Assert.Equal("aac", sound.Codec);
        Assert.Equal(seconds, video.Duration, 0.05);
        Assert.Equal(seconds, sound.Duration, 0.05);
        Assert.InRange(video.Frames, track.Frames.Count - 1, track.Frames.Count + 1);

        (code, _, stderr) = CliRunner.InProcess(["animate", audio, "--model", model, "-o", Path.Combine(dir, "anim.avi")]);
        Assert.Equal(1, code);
        Assert.Contains("must end in .csv or .mp4", stderr);
        (code, _, stderr) = CliRunner.InProcess(["orofacial-train", "--manifest", demo.File("train.csv"), "--faces", demo.Faces, "-o", Path.Combine(dir, "x"), "--visemes", "alignments"]);
        Assert.Equal(1, code);
        Assert.Contains("needs the alignment file", stderr);
    }

    private sealed record Stream(string Type, string Codec, double Duration, int Frames);

    private static List<Stream> Probe(string path)
    {
        var psi = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-count_frames", "-show_entries", "stream=codec_type,codec_name,duration,nb_read_frames", "-of", "json", path }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("streams").EnumerateArray().Select(s => new Stream(
            s.GetProperty("codec_type").GetString()!, s.GetProperty("codec_name").GetString()!,
            double.Parse(s.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture),
            s.TryGetProperty("nb_read_frames", out var n) ? int.Parse(n.GetString()!, CultureInfo.InvariantCulture) : 0)).ToList();
    }
}
