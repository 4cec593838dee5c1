using SerKit.Face;
using SerKit.Media;

namespace SerKit.Tests.Face;

public class FaceDetectorTests
{
    [SkippableFact]
    public void FindsTheThreeFacesOfTheTrackingExample()
    {
        var image = ImageFile.ReadGray(FaceMaterial.ThreeFaces());
        using var detector = FaceDetector.Load(FaceMaterial.Cascade());
        var faces = detector.DetectAll(image);
        Assert.Equal(3, faces.Count);
        Assert.All(faces, f => Assert.True(f.Confidence > 0.8, $"confidence {f.Confidence} (level weight {f.LevelWeight})"));
        // Three separate faces of similar size side by side.
        var boxes = faces.Select(f => f.Box).OrderBy(b => b.Left).ToArray();
        for (int i = 1; i < boxes.Length; i++) Assert.Equal(0, boxes[i - 1].Overlap(boxes[i]));
        Assert.InRange(boxes.Max(b => b.Width) / boxes.Min(b => b.Width), 1, 1.6);
        var main = detector.DetectMain(image);
        Assert.NotNull(main);
        Assert.Contains(main.Value, faces);
        Assert.Equal(2, detector.Searches);
    }

    [SkippableFact]
    public void FindsFrancksFaceAndNothingInAnEmptyPicture()
    {
        using var detector = FaceDetector.Load(FaceMaterial.Cascade());
        using var video = VideoReader.Open(FaceMaterial.Franck());
        int found = 0, checkedFrames = 0;
        while (video.Read() && video.Index < 240)
        {
            if (video.Index % 24 != 0) continue;
            checkedFrames++;
            var main = detector.DetectMain(video.Current);
            if (main is not { } face) continue;
            found++;
            // The man sits in the middle of a 360x288 frame; his face is about half the width.
            Assert.InRange(face.Box.CentreX(), 130, 250);
            Assert.InRange(face.Box.Width, 100, 230);
        }
        Assert.True(found >= checkedFrames - 1, $"face found in {found} of {checkedFrames} frames");

        var flat = new GrayImage(Enumerable.Repeat((byte)128, 320 * 240).ToArray(), 320, 240, 320);
        Assert.Empty(detector.DetectAll(flat));
    }

    [SkippableFact]
    public void PicksTheLargerFaceAndThenTheCentralOne()
    {
        var big = new FaceDetection(new FaceBox(0, 0, 100, 100), 0.9, 2);
        var small = new FaceDetection(new FaceBox(150, 100, 50, 50), 0.99, 3);
        Assert.Equal(big, FaceDetector.PickMain(new[] { small, big }, 400, 300));
        var central = new FaceDetection(new FaceBox(150, 100, 100, 100), 0.9, 2);
        Assert.Equal(central, FaceDetector.PickMain(new[] { big, central }, 400, 300));
        Assert.Null(FaceDetector.PickMain(Array.Empty<FaceDetection>(), 400, 300));
    }

    [SkippableFact]
    public void AMissingCascadeNamesTheFileAndThePackage()
    {
        var e = Assert.Throws<FaceModelException>(() => FaceDetector.Load("/nonexistent/cascade.xml"));
        Assert.Contains("/nonexistent/cascade.xml", e.Message);
        Assert.Contains("opencv-data", e.Message);
    }
}
