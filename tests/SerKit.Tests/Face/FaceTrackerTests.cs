using SerKit.Face;
using SerKit.Media;

namespace SerKit.Tests.Face;

public class FaceTrackerTests
{
    /// <summary>The first <paramref name="count"/> frames of franck.mp4 as gray images.</summary>
    private static List<GrayImage> FranckFrames(int count)
    {
        var frames = new List<GrayImage>();
        using var video = VideoReader.Open(FaceMaterial.Franck());
        while (frames.Count < count && video.Read())
            frames.Add(new GrayImage((byte[])video.Current.Pixels.Clone(), video.Width, video.Height, video.Width));
        return frames;
    }

    /// <summary>The image moved <paramref name="dx"/> columns left, the uncovered strip filled with the background's blue-gray.</summary>
    private static GrayImage ShiftLeft(GrayImage image, int dx)
    {
        var pixels = new byte[image.Width * image.Height];
        for (int r = 0; r < image.Height; r++)
            for (int c = 0; c < image.Width; c++)
                pixels[r * image.Width + c] = c + dx < image.Width ? image.Pixels[r * image.Stride + c + dx] : (byte)90;
        return new GrayImage(pixels, image.Width, image.Height, image.Width);
    }

    [SkippableFact]
    public void DetectsOnceAndThenFollowsTheLandmarks()
    {
        var model = LandmarkModel.Get();
        using var detector = FaceDetector.Load(FaceMaterial.Cascade());
        var tracker = new FaceTracker(detector, model.Fit, new FaceTrackerOptions { CheckEvery = 0 });
        var x = new float[68];
        var y = new float[68];
        int ok = 0;
        var frames = FranckFrames(96);
        foreach (var frame in frames)
        {
            if (!tracker.Next(frame, x, y, out var confidence)) continue;
            ok++;
            Assert.InRange(confidence, 0.5, 1);
            var bounds = FaceBoxGeometry.Bounds(x, y);
            Assert.InRange(bounds.CentreX(), 120, 260);
            Assert.InRange(bounds.Width, 80, 230);
        }
        Assert.Equal(frames.Count, ok);
        Assert.Equal(0, tracker.Losses);
        Assert.Equal(1, tracker.Detections);
        Assert.Equal(1, detector.Searches);
    }

    [SkippableFact]
    public void ReDetectsWhenTheFaceJumpsAndOnSanityChecks()
    {
        var model = LandmarkModel.Get();
        using var detector = FaceDetector.Load(FaceMaterial.Cascade());
        var tracker = new FaceTracker(detector, model.Fit, new FaceTrackerOptions { CheckEvery = 0 });
        var x = new float[68];
        var y = new float[68];
        var frames = FranckFrames(40);
        float before = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            var image = i < 20 ? frames[i] : ShiftLeft(frames[i], 100);
            Assert.True(tracker.Next(image, x, y, out _), $"frame {i}");
            var centre = FaceBoxGeometry.Bounds(x, y).CentreX();
            if (i == 19) before = centre;
            if (i == 20) Assert.InRange(before - centre, 80, 120); // the fit followed the jump at once
        }
        Assert.Equal(1, tracker.Losses);
        Assert.Equal(2, tracker.Detections);

        // With sanity checks every 10 frames the detector runs 1 + 40/10 times and confirms the track each time.
        using var checkedDetector = FaceDetector.Load(FaceMaterial.Cascade());
        var checkedTracker = new FaceTracker(checkedDetector, model.Fit, new FaceTrackerOptions { CheckEvery = 10 });
        foreach (var frame in frames) Assert.True(checkedTracker.Next(frame, x, y, out _));
        Assert.Equal(0, checkedTracker.Losses);
        Assert.Equal(1 + (frames.Count - 1) / 10, checkedTracker.Detections);
    }

    [SkippableFact]
    public void AFrameWithoutAFaceFailsAndTheNextFaceIsFoundAgain()
    {
        var model = LandmarkModel.Get();
        using var detector = FaceDetector.Load(FaceMaterial.Cascade());
        var tracker = new FaceTracker(detector, model.Fit);
        var x = new float[68];
        var y = new float[68];
        var frames = FranckFrames(3);
        var blank = new GrayImage(Enumerable.Repeat((byte)90, frames[0].Width * frames[0].Height).ToArray(), frames[0].Width, frames[0].Height, frames[0].Width);
        Assert.True(tracker.Next(frames[0], x, y, out _));
        Assert.False(tracker.Next(blank, x, y, out var confidence));
        Assert.Equal(0, confidence);
        Assert.All(x, v => Assert.True(float.IsNaN(v)));
        Assert.True(tracker.Next(frames[1], x, y, out _));
        Assert.Equal(1, tracker.Losses);
        Assert.Equal(3, tracker.Detections);
    }
}
