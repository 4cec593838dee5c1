using SerKit.Face;
using SerKit.Orofacial;
using SerKit.Tests.Pretext;

namespace SerKit.Tests.Orofacial;

/// <summary>Face tracks at the video rate → normalised landmarks at the feature rate: interpolation, masking, roll removal.</summary>
public class LandmarkResamplingTests
{
    private const double Hop = 0.01;

    /// <summary>A 25 fps track whose mouth opens linearly with time: <paramref name="rate"/> px per second, head moving and scaled.</summary>
    private static FaceTrack LinearMouth(int frames, double rate, Func<int, bool>? success = null, Func<int, double>? confidence = null, double fps = 25)
    {
        var rows = new List<FaceFrame>();
        for (int k = 0; k < frames; k++)
        {
            double t = k / fps;
            var pose = TestFaces.Pose(rate * t, scale: 1.5, dx: 300 + 40 * t, dy: 200 - 10 * t);
            rows.Add(new FaceFrame(k + 1, 0, Math.Round(t, 3), confidence?.Invoke(k) ?? 0.98, success?.Invoke(k) ?? true, pose.X, pose.Y, [], []));
        }
        return TestFaces.Landmarks(rows);
    }

    // Normalised y of point 66 in the template: (75 + 4 − 8) / 100 (origin y 8, inter-ocular distance 100 px before the ×1.5 scale).
    private static double LowerLip(double seconds, double rate) => (75 + 4 - 8 + rate * seconds) / 100;

    [Fact]
    public void LinearMotionIsInterpolatedExactlyAtEveryFeatureFrame()
    {
        var track = LinearMouth(frames: 50, rate: 20); // 2 s
        var t = LandmarkResampling.Resample(track, frames: 196, Hop, new OrofacialDataOptions());
        Assert.Equal(196, t.Frames);
        Assert.All(t.Valid, Assert.True);
        for (int f = 0; f < 196; f++)
            Assert.Equal(LowerLip(f * Hop, 20), t.Row(f)[68 + 66], 5);
        // Points that do not move stay where the template puts them (eye corner 36: x −0.5, y −0.08).
        Assert.Equal(-0.5, t.Row(100)[36], 5);
        Assert.Equal(-0.08, t.Row(100)[68 + 36], 5);
    }

    [Fact]
    public void FramesNextToAFailedOrUncertainFaceFrameAreMasked()
    {
        // Frame 10 (0.40 s) failed, frame 20 (0.80 s) has confidence 0.5.
        var track = LinearMouth(50, 20, success: k => k != 10, confidence: k => k == 20 ? 0.5 : 0.98);
        var t = LandmarkResampling.Resample(track, 196, Hop, new OrofacialDataOptions());
        // Between 0.36 s (frame 9) and 0.44 s (frame 11) nothing is valid except exactly at the valid frames' times.
        Assert.True(t.Valid[36]);
        for (int f = 37; f <= 43; f++) Assert.False(t.Valid[f], $"feature frame {f}");
        Assert.True(t.Valid[44]);
        for (int f = 77; f <= 83; f++) Assert.False(t.Valid[f], $"feature frame {f}");
        Assert.Equal(LowerLip(0.44, 20), t.Row(44)[68 + 66], 5);
        // With a larger gap allowance the failed frame is bridged by interpolation.
        var bridged = LandmarkResampling.Resample(track, 196, Hop, new OrofacialDataOptions { MaxGapFrames = 2.5 });
        Assert.All(bridged.Valid, Assert.True);
        Assert.Equal(LowerLip(0.40, 20), bridged.Row(40)[68 + 66], 5);
    }

    [Fact]
    public void BeyondTheTrackOnlyHalfAFrameIsHeld()
    {
        var track = LinearMouth(10, 20); // frames at 0 … 0.36 s
        var t = LandmarkResampling.Resample(track, 60, Hop, new OrofacialDataOptions());
        Assert.True(t.Valid[36]);
        Assert.True(t.Valid[38]); // 0.02 s after the last frame: half an interval (0.02 s) is held
        Assert.Equal(LowerLip(0.36, 20), t.Row(38)[68 + 66], 5);
        for (int f = 39; f < 60; f++) Assert.False(t.Valid[f]);
    }

    [Fact]
    public void RollRemovalUndoesAnInPlaneRotation()
    {
        var rows = new List<FaceFrame>();
        for (int k = 0; k < 10; k++)
        {
            var (x, y) = TestFaces.Pose(5 + k);
            double a = 0.05 * k - 0.2, c = Math.Cos(a), s = Math.Sin(a);
            var rx = new float[68];
            var ry = new float[68];
            for (int i = 0; i < 68; i++) { rx[i] = (float)(c * (x[i] - 300) - s * (y[i] - 200) + 300); ry[i] = (float)(s * (x[i] - 300) + c * (y[i] - 200) + 200); }
            rows.Add(new FaceFrame(k + 1, 0, k / 25.0, 0.98, true, rx, ry, [], []));
        }
        var upright = TestFaces.Landmarks(Enumerable.Range(0, 10).Select(k => new FaceFrame(k + 1, 0, k / 25.0, 0.98, true, TestFaces.Pose(5 + k).X, TestFaces.Pose(5 + k).Y, [], [])));
        var options = new OrofacialDataOptions { RemoveRoll = true };
        var a1 = LandmarkResampling.Resample(TestFaces.Landmarks(rows), 36, Hop, options);
        var a2 = LandmarkResampling.Resample(upright, 36, Hop, options);
        for (int i = 0; i < a1.Points.Length; i++) Assert.Equal(a2.Points[i], a1.Points[i], 4);
        // Without it the rotation stays in the targets.
        var plain = LandmarkResampling.Resample(TestFaces.Landmarks(rows), 36, Hop, new OrofacialDataOptions());
        Assert.True(Math.Abs(plain.Row(0)[8] - a2.Row(0)[8]) > 0.1);
    }

    [Fact]
    public void ATrackWithoutLandmarkColumnsIsRefusedNamingTheFile()
    {
        var nan = Enumerable.Repeat(float.NaN, 68).ToArray();
        var track = new FaceTrack("faces/x.csv", [new FaceFrame(1, 0, 0, 1, true, nan, nan, [], [])], [], [], hasLandmarks: false);
        var e = Assert.Throws<FaceTrackException>(() => LandmarkResampling.Resample(track, 10, Hop, new OrofacialDataOptions()));
        Assert.Contains("faces/x.csv", e.Message);
    }
}
