using System.Diagnostics;
using SerKit.Corpus;
using SerKit.Media;
using SerKit.Tests.Fixtures;
using Xunit.Abstractions;

namespace SerKit.Tests.Corpus;

/// <summary>The test-built audiovisual corpora (CREMA-D layout, VoxCeleb2 layout) read as the readers read real ones.</summary>
public class AudiovisualTreeTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void CremaDTreeIsReadWithMajorityLabelsActorsAndVideos()
    {
        var clock = Stopwatch.StartNew();
        var tree = CremaDAudiovisualTree.Get();
        output.WriteLine($"tree ready in {clock.Elapsed.TotalSeconds:0.0} s: {tree.Root}");
        Assert.Equal(24, tree.Stems.Count);
        Assert.All(tree.Stems, s => Assert.True(CremaDFileName.TryParse(s + ".wav", out _, out var problem), problem));

        var corpus = CremaD.Read(tree.Root);
        var manifest = corpus.Manifest;
        var expected = tree.Stems.Where(s => tree.MajorityLabel(s) != null).ToArray();
        Assert.Equal(expected, manifest.Items.Select(u => u.Id).ToArray());
        Assert.True(expected.Length < tree.Stems.Count, "rater disagreement leaves some clips without a majority");
        Assert.Contains(tree.Stems, s => tree.MajorityLabel(s) is { } l && l != CremaDAudiovisualTree.Intended(s));
        foreach (var u in manifest.Items)
        {
            Assert.Equal(tree.MajorityLabel(u.Id), u.Label);
            Assert.Equal(CremaDAudiovisualTree.ActorOf(u.Id), u.Speaker);
            Assert.Equal($"VideoFlash/{u.Id}.flv", u.Extra["video"]);
            Assert.Equal(tree.Seconds(u.Id), u.Duration!.Value, 3);
        }
        Assert.Equal(tree.ActorIds.ToArray(), manifest.Speakers);
        Assert.Equal(CremaDAudiovisualTree.Emotions, manifest.Labels);

        // All clips, also those without a majority, with KeepUnlabelled (for face tracks and pre-training).
        var all = CremaD.Load(tree.Root, options: new CremaDOptions { KeepUnlabelled = true });
        Assert.Equal(tree.Stems, all.Items.Select(u => u.Id).ToArray());
        Assert.All(all.Items, u => Assert.True(File.Exists(Path.Combine(tree.Root, u.Extra["video"]))));
    }

    [SkippableFact]
    public void FlvsHoldAFaceVideoAndTheClipsOwnAudio()
    {
        var tree = CremaDAudiovisualTree.Get();
        var stem = tree.Stems[5];
        var info = VideoStreamInfo.Probe(tree.FlvPath(stem));
        output.WriteLine($"{stem}: {info}");
        using (var video = VideoReader.Open(tree.FlvPath(stem)))
        {
            Assert.Equal(320, video.Width);
            Assert.Equal(256, video.Height);
            int frames = 0;
            while (video.Read()) frames++;
            Assert.InRange(frames, (int)Math.Floor(tree.Seconds(stem) * 30) - 1, (int)Math.Ceiling(tree.Seconds(stem) * 30) + 1);
        }

        // The decoded MP3 track is the WAV delayed by the encoder's priming (FLV keeps no gapless info, as in real
        // CREMA-D files): find the delay by cross-correlation, then the lengths agree within one video frame.
        double worstTail = 0, worstRaw = 0;
        var checkedStems = tree.Stems.Where((_, i) => i % 5 == 0).ToArray(); // 5 clips of 5 actors
        foreach (var s in checkedStems)
        {
            var wav = AudioDecoder.ReadAll(tree.WavPath(s));
            var flv = AudioDecoder.ReadAll(tree.FlvPath(s));
            var (lag, r) = BestLag(wav, flv, maxLag: 1600);
            Assert.True(r > 0.8, $"{s}: the FLV's audio correlates with its WAV only r = {r:0.000} (lag {lag})");
            double tail = (flv.Length - lag - wav.Length) / 16000.0, raw = (flv.Length - wav.Length) / 16000.0;
            Assert.InRange(tail, -1 / 30.0, 1 / 30.0);
            worstTail = Math.Max(worstTail, Math.Abs(tail));
            worstRaw = Math.Max(worstRaw, Math.Abs(raw));
            Assert.Equal(tree.Seconds(s), wav.Length / 16000.0, 3);
        }
        output.WriteLine($"FLV audio vs WAV over {checkedStems.Length} clips: length after the encoder delay within {worstTail * 1000:0.0} ms, raw within {worstRaw * 1000:0.0} ms");
    }

    [SkippableFact]
    public void VoxCeleb2TreeIsScannedWithSpeakersFromFolders()
    {
        var tree = VoxCeleb2Tree.Get();
        var manifest = FolderCorpus.Scan(tree.Root, null, new FolderCorpusOptions { SpeakerFromFolder = true });
        Assert.Equal(tree.Files, manifest.Items.Select(u => u.Path).ToArray());
        Assert.Equal(tree.Files.Select(f => f[..^4]).ToArray(), manifest.Items.Select(u => u.Id).ToArray());
        Assert.Equal(tree.Speakers, manifest.Speakers);
        Assert.All(manifest.Items, u => Assert.Null(u.Label));
        Assert.All(manifest.Items, u => Assert.Matches(@"^id\d{5}/[A-Za-z0-9_-]{11}/\d{5}\.mp4$", u.Path));
        Assert.Equal(12, manifest.Items.Count);

        foreach (var f in tree.Files.Take(3))
        {
            // MP4 trims the AAC priming (edit list); the last AAC frame (1024 samples) is decoded whole.
            var audio = AudioDecoder.ReadAll(Path.Combine(tree.Root, f));
            Assert.InRange(audio.Length - tree.Seconds(f) * 16000, 0, 1024);
            using var video = VideoReader.Open(Path.Combine(tree.Root, f));
            Assert.Equal(224, video.Width);
            Assert.Equal(224, video.Height);
        }
    }

    /// <summary>
    /// The lag (0..<paramref name="maxLag"/> samples) at which <paramref name="b"/> best matches a 0.5 s window of
    /// <paramref name="a"/> (from 0.1 s on), and the correlation there.
    /// </summary>
    private static (int Lag, double R) BestLag(float[] a, float[] b, int maxLag)
    {
        const int start = 1600, n = 8000;
        double Dot(int lag)
        {
            double dot = 0;
            for (int i = start; i < start + n; i++) dot += a[i] * (double)b[i + lag];
            return dot;
        }
        int best = Enumerable.Range(0, maxLag + 1).MaxBy(Dot);
        double ma = 0, mb = 0;
        for (int i = start; i < start + n; i++) { ma += a[i]; mb += b[i + best]; }
        ma /= n;
        mb /= n;
        double saa = 0, sbb = 0, sab = 0;
        for (int i = start; i < start + n; i++)
        {
            double x = a[i] - ma, y = b[i + best] - mb;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
        }
        return (best, sab / Math.Sqrt(saa * sbb));
    }
}
