using SerKit.Audio;
using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.IO;
using SerKit.Media;
using SerKit.Synthetic;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Extraction;

public class ExtractionJobTests
{
    private static readonly FeatureOptions[] LogMelAndEnergy =
    {
        new() { Kind = FeatureKind.LogMel }, new() { Kind = FeatureKind.Energy },
    };

    private static Manifest SmallCorpus(string dir) => SampleCorpus.Write(dir, speakers: 2, utterancesPerClass: 1, seed: 3, seconds: 0.6);

    private static ExtractionSummary Extract(Manifest m, string outDir, Shard? shard = null, FeatureFileFormat format = FeatureFileFormat.Npy,
        IReadOnlySet<string>? classes = null) =>
        new FeatureExtractionJob(m, new ExtractionOptions
        {
            OutputDirectory = outDir, Features = LogMelAndEnergy, Shard = shard ?? Shard.All, Format = format, Workers = 2, Classes = classes,
        }).Run();

    [Fact]
    public void ExtractsEveryFileAndIndexesIt()
    {
        var dir = RepoPaths.NewTempFolder();
        var m = SmallCorpus(Path.Combine(dir, "corpus"));
        var outDir = Path.Combine(dir, "out");
        var summary = Extract(m, outDir);

        Assert.True(summary.Succeeded, string.Join("\n", summary.Failures.Select(f => f.Problem)));
        Assert.Equal(12, summary.Total);
        Assert.Equal(12, summary.Extracted);
        var index = FeatureIndex.Read(summary.IndexPath);
        Assert.Equal(24, index.Count);
        foreach (var u in m.Items)
        {
            int samples = AudioDecoder.ReadAll(m.FullPath(u)).Length;
            var logmel = NpyArray.Read(Path.Combine(outDir, "logmel", u.Id + ".npy"));
            Assert.Equal(new long[] { 1 + samples / 160, 64 }, logmel.Shape);
            var energy = NpyArray.Read(Path.Combine(outDir, "energy", u.Id + ".npy"));
            Assert.Equal(logmel.Shape[0], energy.Shape[0]);
            var row = index.Single(r => r.Id == u.Id && r.Kind == "logmel");
            Assert.Equal(u.Label, row.Label);
            Assert.Equal(u.Speaker, row.Speaker);
            Assert.Equal(logmel.Shape[0], row.Frames);
            Assert.Equal(samples / 16000.0, row.DurationSeconds, 0.011);
        }
        // Same numbers as the one-file API.
        var first = m.Items[0];
        var direct = FeatureExtractors.Create(new FeatureOptions()).Compute(AudioDecoder.ReadAll(m.FullPath(first)), out _);
        Assert.Equal(direct, NpyArray.Read(Path.Combine(outDir, "logmel", first.Id + ".npy")).Data);
        Assert.False(File.Exists(Path.Combine(outDir, "failures.csv")));
    }

    [Fact]
    public void RerunSkipsFinishedFilesWithoutTouchingThem()
    {
        var dir = RepoPaths.NewTempFolder();
        var m = SmallCorpus(Path.Combine(dir, "corpus"));
        var outDir = Path.Combine(dir, "out");
        Extract(m, outDir);
        var victim = Path.Combine(outDir, "energy", m.Items[5].Id + ".npy");
        File.Delete(victim);
        var stamps = Directory.GetFiles(outDir, "*.npy", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        File.WriteAllText(Path.Combine(outDir, "logmel", ".x.npy.999999.0123.partial"), "left by a killed run");

        var again = Extract(m, outDir);

        Assert.Equal(1, again.Extracted);
        Assert.Equal(11, again.AlreadyDone);
        Assert.True(File.Exists(victim));
        foreach (var (file, stamp) in stamps) Assert.Equal(stamp, File.GetLastWriteTimeUtc(file));
        Assert.Empty(Directory.GetFiles(outDir, "*.partial", SearchOption.AllDirectories));
        Assert.Equal(24, FeatureIndex.Read(again.IndexPath).Count);
    }

    [Fact]
    public void SafeTensorsHoldTheSameNumbersAsNpy()
    {
        var dir = RepoPaths.NewTempFolder();
        var m = SmallCorpus(Path.Combine(dir, "corpus"));
        Extract(m, Path.Combine(dir, "npy"));
        var s = Extract(m, Path.Combine(dir, "st"), format: FeatureFileFormat.SafeTensors);
        Assert.True(s.Succeeded);
        var id = m.Items[3].Id;
        var npy = NpyArray.Read(Path.Combine(dir, "npy", "logmel", id + ".npy"));
        var st = SafeTensorsFile.ReadTensor(Path.Combine(dir, "st", "logmel", id + ".safetensors"), "logmel");
        Assert.Equal(npy.Shape, st.Shape);
        Assert.Equal(npy.Data, st.Data);
        var (_, meta) = SafeTensorsFile.ReadHeader(Path.Combine(dir, "st", "logmel", id + ".safetensors"));
        Assert.Equal("160", meta["hop"]);
    }

    [Fact]
    public void BadFilesAreReportedByNameAndTheBatchGoesOn()
    {
        var dir = RepoPaths.NewTempFolder();
        var corpus = Path.Combine(dir, "corpus");
        var good = SmallCorpus(corpus);
        var tone = Enumerable.Range(0, 8000).Select(i => 0.3f * MathF.Sin(i * 0.2f)).ToArray();
        File.WriteAllBytes(Path.Combine(corpus, "empty.wav"), Array.Empty<byte>());
        File.WriteAllText(Path.Combine(corpus, "text.wav"), "this is not audio at all, just text\n");
        WavFile.Write(Path.Combine(corpus, "whole.wav"), tone, 16000);
        var bytes = File.ReadAllBytes(Path.Combine(corpus, "whole.wav"));
        File.WriteAllBytes(Path.Combine(corpus, "truncated.wav"), bytes[..(bytes.Length / 2)]);
        // WavFile refuses to write NaN, so put one into a float WAV's data chunk by hand.
        WavFile.Write(Path.Combine(corpus, "nan.wav"), tone, 16000, WavSampleFormat.Float32);
        var floatWav = File.ReadAllBytes(Path.Combine(corpus, "nan.wav"));
        int data = System.Text.Encoding.ASCII.GetString(floatWav).IndexOf("data", StringComparison.Ordinal) + 8;
        BitConverter.GetBytes(float.NaN).CopyTo(floatWav, data + 4 * 4000);
        File.WriteAllBytes(Path.Combine(corpus, "nan.wav"), floatWav);
        var items = good.Items.Concat(new[]
        {
            new Utterance("missing", "missing.wav", "spk01", "ANG"),
            new Utterance("empty", "empty.wav", "spk01", "ANG"),
            new Utterance("text", "text.wav", "spk01", "ANG"),
            new Utterance("truncated", "truncated.wav", "spk01", "ANG"),
            new Utterance("nan", "nan.wav", "spk01", "ANG"),
            new Utterance("oddlabel", "whole.wav", "spk01", "XYZ"),
        }).ToList();
        var m = new Manifest(corpus, items);
        var outDir = Path.Combine(dir, "out");

        var s = Extract(m, outDir, classes: EmotionProsody.Classes.ToHashSet());

        Assert.Equal(12, s.Extracted);
        Assert.Equal(6, s.Failures.Count);
        foreach (var f in s.Failures) Assert.Contains(f.Path, f.Problem);
        Assert.Contains("unknown label 'XYZ'", s.Failures.Single(f => f.Id == "oddlabel").Problem);
        Assert.Contains("NaN", s.Failures.Single(f => f.Id == "nan").Problem);
        Assert.NotNull(s.FailuresPath);
        var listed = File.ReadAllLines(s.FailuresPath!);
        Assert.Equal(7, listed.Length);
        Assert.Empty(Directory.GetFiles(outDir, "*.partial", SearchOption.AllDirectories));
        foreach (var id in new[] { "missing", "empty", "text", "truncated", "nan", "oddlabel" })
            Assert.False(File.Exists(Path.Combine(outDir, "logmel", id + ".npy")));
    }

    [Fact]
    public void ShardSpecIsParsedAndChecked()
    {
        Assert.Equal(new Shard(3, 8), Shard.Parse("3/8"));
        Assert.Throws<FormatException>(() => Shard.Parse("0/8"));
        Assert.Throws<FormatException>(() => Shard.Parse("9/8"));
        Assert.Throws<FormatException>(() => Shard.Parse("3"));
        var ids = Enumerable.Range(0, 1000).Select(i => $"utt{i}").ToList();
        var counts = Enumerable.Range(1, 4).Select(k => ids.Count(id => new Shard(k, 4).Contains(id))).ToList();
        Assert.Equal(1000, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 200, 300));
    }
}
