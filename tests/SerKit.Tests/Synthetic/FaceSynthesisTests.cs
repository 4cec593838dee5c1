using SerKit.Corpus;
using SerKit.Face;
using SerKit.Media;
using SerKit.Synthetic;
using Xunit.Abstractions;

namespace SerKit.Tests.Synthetic;

[Collection(SmallDemoCorpus.Collection)]
public class FaceSynthesisTests(SmallDemoCorpus corpus, ITestOutputHelper output)
{
    private IEnumerable<(Utterance U, FaceTrack Track)> Labelled() =>
        corpus.Result.Labelled.Items.Select(u => (u, OpenFaceCsv.Read(Path.Combine(corpus.Folder, "faces", u.Id + ".csv"))));

    private static double MeanIntensity(FaceTrack t, int au) =>
        t.Frames.Where(f => f.HasValidLandmarks()).Average(f => (double)f.AuIntensity[t.IntensityIndex(au)]);

    [Fact]
    public void ActionUnitsFollowTheEmotion()
    {
        var tracks = Labelled().ToList();
        double Mean(string emotion, int au) => tracks.Where(x => x.U.Label == emotion).Average(x => MeanIntensity(x.Track, au));
        var classes = EmotionProsody.Classes;
        foreach (var (emotion, au) in new[] { ("HAP", 12), ("HAP", 6), ("DIS", 9), ("ANG", 23), ("FEA", 20), ("FEA", 2) })
        {
            output.WriteLine($"AU{au:D2}_r: " + string.Join("  ", classes.Select(c => $"{c} {Mean(c, au):0.00}")));
            foreach (var other in classes.Where(c => c != emotion))
                Assert.True(Mean(emotion, au) > Mean(other, au) + 0.5, $"mean AU{au:D2}_r of {emotion} ({Mean(emotion, au):0.00}) should exceed {other} ({Mean(other, au):0.00})");
        }
        // AU4 (brow lowerer) in anger, sadness and fear, not in happiness or neutral; AU15 in sadness and disgust.
        foreach (var e in new[] { "ANG", "SAD", "FEA" })
            foreach (var o in new[] { "HAP", "NEU" })
                Assert.True(Mean(e, 4) > Mean(o, 4) + 0.5);
        foreach (var e in new[] { "SAD", "DIS" })
            foreach (var o in new[] { "HAP", "NEU", "ANG" })
                Assert.True(Mean(e, 15) > Mean(o, 15) + 0.5);
        foreach (var au in new[] { 1, 2, 4, 5, 6, 7, 9, 10, 12, 15, 20, 23 })
            Assert.True(Mean("NEU", au) < 0.6, $"neutral AU{au:D2}_r {Mean("NEU", au):0.00}");
    }

    [Fact]
    public void PresenceAgreesWithIntensity()
    {
        int agree = 0, total = 0;
        foreach (var (_, t) in Labelled())
            foreach (var f in t.Frames.Where(f => f.Success))
                foreach (var au in t.IntensityAus)
                {
                    total++;
                    if ((f.AuIntensity[t.IntensityIndex(au)] >= 1) == (f.AuPresence[t.PresenceIndex(au)] == 1)) agree++;
                }
        double share = agree / (double)total;
        output.WriteLine($"AUxx_c agrees with AUxx_r >= 1 in {share:P1} of {total} AU frames");
        Assert.InRange(share, 0.85, 0.995); // noisy, as a separate presence classifier would be
    }

    [Fact]
    public void MouthOpeningFollowsTheSpeechEnvelope()
    {
        var mouth = new List<double>();
        var envelope = new List<double>();
        var perUtterance = new List<double>();
        foreach (var (u, t) in Labelled())
        {
            var audio = AudioDecoder.ReadAll(Path.Combine(corpus.Folder, u.Path));
            var m = new List<double>();
            var e = new List<double>();
            foreach (var f in t.Frames.Where(f => f.HasValidLandmarks()))
            {
                // Inner-lip gap (61-67, 62-66, 63-65) over the outer-eye-corner distance.
                double iod = Math.Sqrt(Math.Pow(f.X[45] - f.X[36], 2) + Math.Pow(f.Y[45] - f.Y[36], 2));
                double gap = (Math.Abs(f.Y[67] - f.Y[61]) + Math.Abs(f.Y[66] - f.Y[62]) + Math.Abs(f.Y[65] - f.Y[63])) / 3;
                m.Add(gap / iod);
                // RMS of the audio in 40 ms around the frame's timestamp.
                int centre = (int)Math.Round(f.Timestamp * 16000), a = Math.Max(0, centre - 320), b = Math.Min(audio.Length, centre + 320);
                double sum = 0;
                for (int i = a; i < b; i++) sum += audio[i] * (double)audio[i];
                e.Add(Math.Sqrt(sum / Math.Max(1, b - a)));
            }
            if (m.Count < 10) continue;
            perUtterance.Add(Statistics.Pearson(m, e));
            // Pool after removing each utterance's level, so the pooled r measures the within-utterance following.
            double mm = m.Average(), me = e.Average();
            mouth.AddRange(m.Select(x => x - mm));
            envelope.AddRange(e.Select(x => x - me));
        }
        double pooled = Statistics.Pearson(mouth, envelope), median = Statistics.Median(perUtterance);
        output.WriteLine($"mouth opening vs speech envelope: pooled r = {pooled:0.000}, median per-utterance r = {median:0.000} ({perUtterance.Count} utterances)");
        Assert.True(pooled > 0.5, $"pooled r = {pooled:0.000}");
        Assert.True(median > 0.5, $"median r = {median:0.000}");
    }

    [Fact]
    public void HighArousalFacesMoveMore()
    {
        var motion = new Dictionary<string, List<double>>();
        foreach (var (u, t) in Labelled())
        {
            var valid = t.Frames.Where(f => f.HasValidLandmarks()).ToList();
            if (valid.Count < t.Frames.Count / 2) continue;
            double total = 0;
            for (int k = 1; k < valid.Count; k++)
            {
                var (p, q) = (valid[k - 1], valid[k]);
                double iod = Math.Sqrt(Math.Pow(q.X[45] - q.X[36], 2) + Math.Pow(q.Y[45] - q.Y[36], 2));
                // Remove translation with the eye corners and nose tip, as T2 does.
                double px = (p.X[36] + p.X[45] + p.X[30]) / 3, py = (p.Y[36] + p.Y[45] + p.Y[30]) / 3;
                double qx = (q.X[36] + q.X[45] + q.X[30]) / 3, qy = (q.Y[36] + q.Y[45] + q.Y[30]) / 3;
                double d = 0;
                for (int i = 0; i < 68; i++) d += Math.Sqrt(Math.Pow(q.X[i] - qx - p.X[i] + px, 2) + Math.Pow(q.Y[i] - qy - p.Y[i] + py, 2));
                total += d / 68 / iod;
            }
            (motion.TryGetValue(u.Label!, out var list) ? list : motion[u.Label!] = new List<double>()).Add(total / (valid.Count - 1));
        }
        output.WriteLine(string.Join("  ", EmotionProsody.Classes.Select(c => $"{c} {motion[c].Average():0.0000}")));
        foreach (var high in new[] { "ANG", "HAP", "FEA" })
            foreach (var low in new[] { "NEU", "SAD" })
                Assert.True(motion[high].Average() > motion[low].Average() * 1.1, $"{high} {motion[high].Average():0.0000} vs {low} {motion[low].Average():0.0000}");
    }

    [Fact]
    public void FacesDifferBetweenSpeakersAndLookLikeFaces()
    {
        var a = SyntheticFace.Create(1);
        var b = SyntheticFace.Create(2);
        Assert.NotEqual(a.NeutralX, b.NeutralX);
        Assert.Equal(a.NeutralX, SyntheticFace.Create(1).NeutralX);
        foreach (var f in new[] { a, b })
        {
            Assert.All(f.NeutralX, x => Assert.InRange(x, 100, 540));
            Assert.All(f.NeutralY, y => Assert.InRange(y, 60, 420));
            Assert.True(f.NeutralY[19] < f.NeutralY[37] && f.NeutralY[37] < f.NeutralY[30] && f.NeutralY[30] < f.NeutralY[51] && f.NeutralY[57] < f.NeutralY[8],
                "brows above eyes above nose tip above mouth above chin");
            Assert.True(f.NeutralX[36] < f.NeutralX[39] && f.NeutralX[39] < f.NeutralX[42] && f.NeutralX[42] < f.NeutralX[45], "eye corners left to right");
            Assert.True(f.NeutralX[48] < f.NeutralX[54] && f.NeutralX[0] < f.NeutralX[16]);
            double iod = f.NeutralX[45] - f.NeutralX[36];
            Assert.InRange(iod, 80, 135);
        }
    }
}
