using SerKit.Face;
using SerKit.Pretext;

namespace SerKit.Tests.Pretext;

public class FacialActivationTests
{
    private static readonly FaceEvidenceOptions Defaults = new();

    private static FaceTrack Talking(double amplitude, int frames = 60, Func<int, double>? scale = null, Func<int, double>? shift = null) =>
        TestFaces.Landmarks(Enumerable.Range(0, frames).Select(i =>
            TestFaces.Frame(i, TestFaces.Pose(amplitude * (1 + Math.Sin(2 * Math.PI * i / 7.0)), amplitude * 0.3 * Math.Cos(2 * Math.PI * i / 11.0),
                scale?.Invoke(i) ?? 1, 300 + (shift?.Invoke(i) ?? 0), 200 - 0.5 * (shift?.Invoke(i) ?? 0)))));

    [Fact]
    public void HandComputedMotionOfAMouthThatOpens()
    {
        // Eight of the twenty mouth points move 10 px down; the eye distance is 100 px; nothing else moves.
        var track = TestFaces.Landmarks([TestFaces.Frame(0, TestFaces.Pose(0)), TestFaces.Frame(1, TestFaces.Pose(10))]);
        var all = FacialActivation.Measure(track, Defaults);
        Assert.Equal(2, all.ValidFrames);
        double mouth = 8 * 0.1 / 20;
        Assert.Equal((0 + 0 + mouth) / 3, all.Activation!.Value, 6);
        Assert.Equal(mouth, FacialActivation.Measure(track, Defaults with { Regions = FaceRegions.Mouth }).Activation!.Value, 6);
        Assert.Equal(0, FacialActivation.Measure(track, Defaults with { Regions = FaceRegions.Brows }).Activation!.Value, 9);
        Assert.Equal(mouth / 2, FacialActivation.Measure(track, Defaults with { Regions = FaceRegions.Mouth | FaceRegions.Eyes }).Activation!.Value, 6);
    }

    [Fact]
    public void AFaceThatMovesMoreHasAHigherActivation()
    {
        var calm = FacialActivation.Measure(Talking(1), Defaults).Activation!.Value;
        var lively = FacialActivation.Measure(Talking(3), Defaults).Activation!.Value;
        var still = FacialActivation.Measure(Talking(0), Defaults).Activation!.Value;
        Assert.Equal(0, still, 9);
        Assert.True(lively > 2.5 * calm && lively < 3.5 * calm, $"calm {calm}, lively {lively}");
    }

    [Fact]
    public void ActivationDoesNotDependOnWhereTheFaceIsOrHowBigItIs()
    {
        var reference = FacialActivation.Measure(Talking(2), Defaults).Activation!.Value;
        // The head drifts across the image and towards the camera (scale 1 → 2.5) while talking.
        var moving = FacialActivation.Measure(Talking(2, scale: i => 1 + 1.5 * i / 60.0, shift: i => 4.0 * i), Defaults).Activation!.Value;
        var small = FacialActivation.Measure(Talking(2, scale: _ => 0.4), Defaults).Activation!.Value;
        Assert.Equal(reference, moving, 5);
        Assert.Equal(reference, small, 5);
    }

    [Fact]
    public void InvalidFramesAreSkippedAndMotionIsFromThePreviousValidFrame()
    {
        var garbage = TestFaces.Pose(50, 30, 3, 0, 0);
        var track = TestFaces.Landmarks(
        [
            TestFaces.Frame(0, TestFaces.Pose(0)),
            TestFaces.Frame(1, garbage, success: false),
            TestFaces.Frame(2, garbage, confidence: 0.5),
            TestFaces.Frame(3, TestFaces.Pose(10)),
            TestFaces.Frame(4, TestFaces.Pose(10)),
        ]);
        var m = FacialActivation.Measure(track, Defaults);
        Assert.Equal(5, m.Frames);
        Assert.Equal(3, m.ValidFrames);
        // Moves: frame 0 → 3 (mouth opens 10 px), frame 3 → 4 (none).
        Assert.Equal((8 * 0.1 / 20 / 3 + 0) / 2, m.Activation!.Value, 6);
        Assert.Equal(0.6, m.ValidShare, 9);

        // A lower confidence threshold makes frame 2 valid.
        Assert.Equal(4, FacialActivation.Measure(track, Defaults with { MinConfidence = 0.5 }).ValidFrames);
    }

    [Fact]
    public void NaNLandmarksMakeAFrameInvalid()
    {
        var hole = TestFaces.Pose(5);
        hole.X[50] = float.NaN;
        var track = TestFaces.Landmarks([TestFaces.Frame(0, TestFaces.Pose(0)), TestFaces.Frame(1, hole), TestFaces.Frame(2, TestFaces.Pose(0))]);
        var m = FacialActivation.Measure(track, Defaults);
        Assert.Equal(2, m.ValidFrames);
        Assert.Equal(0, m.Activation!.Value, 9);
    }

    [Fact]
    public void FewerThanHalfValidFramesIsMasked()
    {
        FaceTrack Track(int valid) => TestFaces.Landmarks(Enumerable.Range(0, 10).Select(i =>
            TestFaces.Frame(i, TestFaces.Pose(i % 2 * 4), success: i < valid)));
        Assert.Null(FacialActivation.Measure(Track(4), Defaults).Activation);
        Assert.NotNull(FacialActivation.Measure(Track(5), Defaults).Activation);
        Assert.Null(FacialActivation.Measure(Track(1), Defaults with { MinValidShare = 0.1 }).Activation); // one valid frame: no motion
        Assert.Null(FacialActivation.Measure(TestFaces.Landmarks([]), Defaults).Activation);
    }

    [Fact]
    public void ATrackWithoutLandmarksIsAnErrorNamingTheFile()
    {
        var track = new FaceTrack("/data/faces/x.csv",
            [new FaceFrame(1, 0, 0, 0.9, true, Enumerable.Repeat(float.NaN, 68).ToArray(), Enumerable.Repeat(float.NaN, 68).ToArray(), [], [])],
            [], [], hasLandmarks: false);
        var e = Assert.Throws<FaceTrackException>(() => FacialActivation.Measure(track, Defaults));
        Assert.StartsWith("/data/faces/x.csv: missing required column x_0..x_67", e.Message);
    }
}
