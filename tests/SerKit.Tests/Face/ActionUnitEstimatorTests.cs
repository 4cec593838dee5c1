using SerKit.Face;
using Xunit.Abstractions;

namespace SerKit.Tests.Face;

public class ActionUnitEstimatorTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<int> Aus = ActionUnitEstimator.IntensityAus;

    public static TheoryData<int> EstimatedAus()
    {
        var data = new TheoryData<int>();
        foreach (var au in ActionUnitEstimator.IntensityAus) data.Add(au);
        return data;
    }

    /// <summary>40 neutral frames, 30 frames with <paramref name="au"/> at <paramref name="intensity"/>, 40 neutral frames.</summary>
    private static FaceTrack OneAuTrack(int au, double intensity, Func<int, (double Scale, double Roll, double Dx, double Dy)>? pose = null, int? person = null)
    {
        var neutral = ConstructedFaces.Neutral(person);
        var frames = new List<FaceFrame>();
        for (int k = 0; k < 110; k++)
        {
            var (scale, roll, dx, dy) = pose?.Invoke(k) ?? (ConstructedFaces.Scale, 0, 320, 240);
            var active = k is >= 40 and < 70 ? new[] { (au, intensity) } : Array.Empty<(int, double)>();
            var (x, y) = ConstructedFaces.Frame(neutral, active, scale, roll, dx, dy);
            frames.Add(new FaceFrame(k + 1, 0, k / 30.0, 0.97, true, x, y, [], []));
        }
        return new FaceTrack("constructed.csv", frames, [], []);
    }

    private static float At(FaceTrack t, int frame, int au) => t.Frames[frame].AuIntensity[t.IntensityIndex(au)];

    [Theory]
    [MemberData(nameof(EstimatedAus))]
    public void EachAuRespondsToItsOwnMovementAndNoOther(int au)
    {
        // Default smoothing (3 frames): the first and last active frames are partly averaged with rest frames.
        var result = new ActionUnitEstimator().Apply(OneAuTrack(au, 3.0));
        Assert.Equal(Aus, result.IntensityAus);
        Assert.Equal(Aus, result.PresenceAus);
        for (int k = 39; k <= 70; k++)
        {
            var f = result.Frames[k];
            if (k is > 40 and < 69)
            {
                Assert.InRange(At(result, k, au), 2.5, 3.5);
                Assert.Equal(1f, f.AuPresence[result.PresenceIndex(au)]);
            }
            foreach (var other in Aus.Where(a => a != au))
            {
                Assert.True(At(result, k, other) < 0.5, $"AU{au:D2} at 3 gives AU{other:D2} {At(result, k, other):0.00}");
                Assert.Equal(0f, f.AuPresence[result.PresenceIndex(other)]);
            }
        }
        foreach (var k in Enumerable.Range(0, 39).Concat(Enumerable.Range(71, 39)))
            foreach (var a in Aus)
                Assert.True(At(result, k, a) < 1e-3, $"neutral frame {k}: AU{a:D2} {At(result, k, a)}");
        int largest = Aus.Where(a => a != au).MaxBy(a => At(result, 55, a));
        output.WriteLine($"AU{au:D2} at 3.0 → {At(result, 55, au):0.00}; largest other AU{largest:D2} {At(result, 55, largest):0.00}");
    }

    [Theory]
    [MemberData(nameof(EstimatedAus))]
    public void StreamingMatchesOnceTheNeutralIsSeen(int au)
    {
        // The first 40 frames are neutral, so the running median over past frames stays neutral
        // while the AU is on (it covers under half of the frames seen).
        var track = OneAuTrack(au, 2.0);
        var options = new ActionUnitOptions { Smoothing = 1 };
        var whole = new ActionUnitEstimator(options).Apply(track);
        var streaming = new ActionUnitEstimator(options);
        var r = new float[Aus.Count];
        var p = new float[Aus.Count];
        for (int k = 0; k < track.Frames.Count; k++)
        {
            var f = track.Frames[k];
            streaming.Estimate(f.X, f.Y, true, r, p);
            for (int a = 0; a < Aus.Count; a++)
            {
                Assert.Equal(whole.Frames[k].AuIntensity[a], r[a], 3);
                Assert.Equal(whole.Frames[k].AuPresence[a], p[a]);
            }
        }
    }

    [Fact]
    public void SmoothingAveragesTheCuesOverNeighbouringValidFrames()
    {
        // A one-frame AU12 spike: unsmoothed it is seen in full; a 5-frame centred window spreads a
        // fifth of it over five frames; the stream's trailing window delays it by two frames.
        var neutral = ConstructedFaces.Neutral();
        var frames = new List<FaceFrame>();
        for (int k = 0; k < 60; k++)
        {
            var (x, y) = ConstructedFaces.Frame(neutral, k == 30 ? [(12, 4.0)] : []);
            frames.Add(new FaceFrame(k + 1, 0, k / 30.0, 0.97, true, x, y, [], []));
        }
        var track = new FaceTrack("spike.csv", frames, [], []);
        Assert.InRange(At(new ActionUnitEstimator(new ActionUnitOptions { Smoothing = 1 }).Apply(track), 30, 12), 3.9, 4.1);
        var smooth = new ActionUnitEstimator(new ActionUnitOptions { Smoothing = 5 }).Apply(track);
        foreach (var k in new[] { 28, 29, 30, 31, 32 }) Assert.InRange(At(smooth, k, 12), 0.75, 0.85);
        Assert.True(At(smooth, 27, 12) < 1e-3 && At(smooth, 33, 12) < 1e-3);

        var stream = new ActionUnitEstimator(new ActionUnitOptions { Smoothing = 5 });
        var r = new float[Aus.Count];
        var p = new float[Aus.Count];
        var seen = new List<float>();
        foreach (var f in frames)
        {
            stream.Estimate(f.X, f.Y, true, r, p);
            seen.Add(r[Aus.ToList().IndexOf(12)]);
        }
        foreach (var k in new[] { 30, 31, 32, 33, 34 }) Assert.InRange(seen[k], 0.75, 0.85);
        Assert.True(seen[29] < 1e-3 && seen[35] < 1e-3);
    }

    [Fact]
    public void IntensityGrowsWithTheMovementAndSaturatesAtFive()
    {
        foreach (var au in new[] { 1, 12, 26 })
        {
            double previous = -1;
            foreach (var level in new[] { 0.5, 1.0, 2.0, 3.0, 4.0 })
            {
                double v = At(new ActionUnitEstimator().Apply(OneAuTrack(au, level)), 50, au);
                Assert.InRange(v, 0.8 * level, 1.2 * level);
                Assert.True(v > previous);
                previous = v;
            }
            Assert.Equal(5f, At(new ActionUnitEstimator().Apply(OneAuTrack(au, 8.0)), 50, au));
        }
    }

    [Fact]
    public void PresenceFollowsTheThreshold()
    {
        var track = OneAuTrack(12, 1.5);
        var standard = new ActionUnitEstimator().Apply(track);
        var strict = new ActionUnitEstimator(new ActionUnitOptions { PresenceThreshold = 2 }).Apply(track);
        Assert.Equal(1f, standard.Frames[50].AuPresence[standard.PresenceIndex(12)]);
        Assert.Equal(0f, strict.Frames[50].AuPresence[strict.PresenceIndex(12)]);
        Assert.Equal(standard.Frames[50].AuIntensity, strict.Frames[50].AuIntensity);
    }

    [Fact]
    public void HeadTranslationScaleAndRollDoNotChangeTheAus()
    {
        foreach (var au in new[] { 1, 4, 6, 12, 15, 26 })
        {
            var still = new ActionUnitEstimator().Apply(OneAuTrack(au, 2.5));
            // Every frame its own pose: 60–180 px per face unit, roll ±0.4 rad, anywhere in a 1280×720 frame.
            var moving = new ActionUnitEstimator().Apply(OneAuTrack(au, 2.5, k =>
                (60 + 120 * (0.5 + 0.5 * Math.Sin(0.37 * k)), 0.4 * Math.Sin(0.21 * k + 1), 640 + 400 * Math.Cos(0.13 * k), 360 + 200 * Math.Sin(0.29 * k))));
            double worst = 0;
            for (int k = 0; k < still.Frames.Count; k++)
                for (int a = 0; a < Aus.Count; a++)
                    worst = Math.Max(worst, Math.Abs(still.Frames[k].AuIntensity[a] - moving.Frames[k].AuIntensity[a]));
            output.WriteLine($"AU{au:D2}: largest intensity change under head motion {worst:0.000}");
            Assert.True(worst < 0.1, $"AU{au:D2}: head motion changed an intensity by {worst:0.000}");
        }
    }

    [Fact]
    public void InvalidFramesGiveNaNAndDoNotMoveTheNeutral()
    {
        var track = OneAuTrack(12, 3.0);
        var frames = track.Frames.ToList();
        // Failed frames carrying a strong brow raise (as a tracker's garbage might) and a NaN landmark.
        var neutral = ConstructedFaces.Neutral();
        for (int k = 0; k < 40; k += 2)
        {
            var (x, y) = ConstructedFaces.Frame(neutral, [(1, 4.0), (26, 4.0)]);
            frames[k] = frames[k] with { Success = false, X = x, Y = y };
        }
        var nanX = frames[41].X.ToArray();
        nanX[30] = float.NaN;
        frames[41] = frames[41] with { X = nanX };
        var result = new ActionUnitEstimator().Apply(new FaceTrack("t.csv", frames, [], []));
        foreach (var k in Enumerable.Range(0, 20).Select(i => 2 * i).Append(41))
        {
            Assert.All(result.Frames[k].AuIntensity, v => Assert.True(float.IsNaN(v)));
            Assert.All(result.Frames[k].AuPresence, v => Assert.True(float.IsNaN(v)));
        }
        // Valid frames unaffected: AU01 and AU26 stay at rest, AU12 is found.
        Assert.True(At(result, 1, 1) < 1e-3 && At(result, 1, 26) < 1e-3);
        Assert.InRange(At(result, 50, 12), 2.5, 3.5);

        var streaming = new ActionUnitEstimator();
        var r = new float[Aus.Count];
        var p = new float[Aus.Count];
        streaming.Estimate(frames[0].X, frames[0].Y, false, r, p);
        Assert.All(r, v => Assert.True(float.IsNaN(v)));
        streaming.Estimate(frames[41].X, frames[41].Y, true, r, p); // NaN landmark though flagged valid
        Assert.All(p, v => Assert.True(float.IsNaN(v)));
        streaming.Estimate(frames[1].X, frames[1].Y, true, r, p);
        Assert.All(r, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void LowConfidenceFramesAreInvalidWhenAMinimumIsSet()
    {
        var track = OneAuTrack(2, 3.0);
        var frames = track.Frames.Select((f, k) => k % 3 == 0 ? f with { Confidence = 0.4 } : f).ToList();
        var result = new ActionUnitEstimator(new ActionUnitOptions { MinConfidence = 0.5 }).Apply(new FaceTrack("t.csv", frames, [], []));
        Assert.True(float.IsNaN(At(result, 3, 2)));
        Assert.InRange(At(result, 43, 2), 2.5, 3.5);
        Assert.False(float.IsNaN(At(new ActionUnitEstimator().Apply(new FaceTrack("t.csv", frames, [], [])), 3, 2)));
    }

    [Fact]
    public void TheNeutralIsThePersonsOwn()
    {
        // Persons with other proportions (eye size and spacing, brow height, mouth width, lip
        // thickness, nose length) rest at ~0 on every AU, and their AUs are still found.
        var template = ConstructedFaces.Neutral();
        foreach (var person in new[] { 3, 17, 29 })
        {
            var shape = ConstructedFaces.Neutral(person);
            double difference = Enumerable.Range(0, 68).Max(i => Math.Abs(shape.X[i] - template.X[i]) + Math.Abs(shape.Y[i] - template.Y[i]));
            Assert.True(difference > 0.03, "the persons should differ from the template");
            var result = new ActionUnitEstimator().Apply(OneAuTrack(4, 3.0, person: person));
            foreach (var a in Aus) Assert.True(At(result, 10, a) < 1e-3, $"person {person} at rest: AU{a:D2} {At(result, 10, a)}");
            Assert.InRange(At(result, 50, 4), 2.3, 3.7);
            foreach (var a in Aus.Where(a => a != 4)) Assert.True(At(result, 50, a) < 0.5, $"person {person}, AU04: AU{a:D2} {At(result, 50, a):0.00}");

            // Measured against another person's neutral, the same resting face would show AUs.
            var other = new ActionUnitEstimator();
            var r = new float[Aus.Count];
            var p = new float[Aus.Count];
            var (tx, ty) = ConstructedFaces.Frame(template, []);
            var (px, py) = ConstructedFaces.Frame(shape, []);
            for (int k = 0; k < 9; k++) other.Estimate(tx, ty, true, r, p);
            other.Estimate(px, py, true, r, p);
            output.WriteLine($"person {person} at rest against the template's neutral: largest AU {r.Max():0.00}");
            Assert.True(r.Max() > 0.5);
        }
    }

    [Fact]
    public void APersonsClipsShareOneNeutral()
    {
        // A clip that smiles throughout is its own median: alone it reads no AU12. Pooled with the
        // person's other clips (at rest) the smile is found.
        var neutral = ConstructedFaces.Neutral(5);
        FaceTrack Clip(string name, double smile) => new(name, Enumerable.Range(0, 60).Select(k =>
        {
            var (x, y) = ConstructedFaces.Frame(neutral, [(12, smile)]);
            return new FaceFrame(k + 1, 0, k / 30.0, 0.97, true, x, y, [], []);
        }).ToList(), [], []);
        var smiling = Clip("smile.csv", 2.5);
        var estimator = new ActionUnitEstimator();
        Assert.True(At(estimator.Apply(smiling), 30, 12) < 1e-3);
        var pooled = estimator.Apply([Clip("rest1.csv", 0), smiling, Clip("rest2.csv", 0)]);
        Assert.Equal(["rest1.csv", "smile.csv", "rest2.csv"], pooled.Select(t => t.Path));
        Assert.InRange(At(pooled[1], 30, 12), 2.2, 2.8);
        Assert.True(At(pooled[0], 30, 12) < 1e-3 && At(pooled[2], 30, 12) < 1e-3);
    }

    [Fact]
    public void WindowedNeutralFollowsASlowChangeOfTheRestFace()
    {
        // The rest face drifts (e.g. the lip corners settle lower over a long recording): a
        // whole-track median reads the start as AU12 and the end as AU15, a 61-frame window does not.
        var neutral = ConstructedFaces.Neutral();
        var frames = new List<FaceFrame>();
        for (int k = 0; k < 300; k++)
        {
            var (x, y) = ConstructedFaces.Frame(neutral, [(15, 3.0 * k / 299)]);
            frames.Add(new FaceFrame(k + 1, 0, k / 30.0, 0.97, true, x, y, [], []));
        }
        var track = new FaceTrack("drift.csv", frames, [], []);
        var whole = new ActionUnitEstimator().Apply(track);
        var windowed = new ActionUnitEstimator(new ActionUnitOptions { NeutralWindow = 61, Smoothing = 1 }).Apply(track);
        Assert.True(At(whole, 299, 15) > 1.2);
        Assert.True(At(windowed, 299, 15) < 0.5 && At(windowed, 150, 15) < 0.1);

        // The centred window equals a brute-force median of the cue over the frames around each frame.
        var cues = frames.Select(f => { var c = new double[Aus.Count]; ActionUnitEstimator.Cues(f.X, f.Y, c); return c; }).ToArray();
        int s15 = Aus.ToList().IndexOf(15);
        foreach (var k in new[] { 0, 10, 30, 31, 150, 270, 299 })
        {
            var window = Enumerable.Range(Math.Max(0, k - 30), Math.Min(299, k + 30) - Math.Max(0, k - 30) + 1).Select(j => cues[j][s15]).Order().ToArray();
            double median = window.Length % 2 == 1 ? window[window.Length / 2] : 0.5 * (window[window.Length / 2 - 1] + window[window.Length / 2]);
            double expected = Math.Clamp((cues[k][s15] - median) / ActionUnitEstimator.Unit[s15], 0, 5);
            Assert.Equal(expected, At(windowed, k, 15), 4);
        }
    }

    [Fact]
    public void BadInputIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActionUnitEstimator(new ActionUnitOptions { NeutralWindow = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActionUnitEstimator(new ActionUnitOptions { PresenceThreshold = 0 }));
        var e = new ActionUnitEstimator();
        Assert.Throws<ArgumentException>(() => e.Estimate(new float[68], new float[68], true, new float[3], new float[17]));
        Assert.Throws<ArgumentException>(() => e.Estimate(new float[10], new float[68], true, new float[17], new float[17]));
        var noLandmarks = new FaceTrack("nolandmarks.csv", [], [], [], hasLandmarks: false);
        var ex = Assert.Throws<FaceTrackException>(() => e.Apply(noLandmarks));
        Assert.Contains("nolandmarks.csv", ex.Message);
    }

    [Fact]
    public void ResultWritesAndReadsAsAnOpenFaceCsv()
    {
        var result = new ActionUnitEstimator().Apply(OneAuTrack(6, 2.0));
        var folder = Fixtures.RepoPaths.NewTempFolder("serkit-aus");
        var path = Path.Combine(folder, "aus.csv");
        OpenFaceCsv.Write(path, result);
        var header = File.ReadLines(path).First().Split(',');
        var auColumns = header.Where(h => h.StartsWith("AU", StringComparison.Ordinal)).ToArray();
        Assert.Equal(Aus.Select(FaceTrack.IntensityColumn).Concat(Aus.Select(FaceTrack.PresenceColumn)), auColumns);
        var back = OpenFaceCsv.Read(path);
        Assert.Equal(result.Frames[50].AuIntensity[back.IntensityIndex(6)], back.Frames[50].AuIntensity[back.IntensityIndex(6)], 2);
        Directory.Delete(folder, true);
    }
}
