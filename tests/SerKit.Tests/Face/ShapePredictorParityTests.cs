using SerKit.Face;
using SerKit.Tests.Fixtures;
using Xunit.Abstractions;

namespace SerKit.Tests.Face;

/// <summary>
/// SerKit's C# evaluation of dlib's 68-landmark model against dlib 19.24's own C++
/// shape_predictor on the same gray images and boxes.
/// </summary>
public sealed class ShapePredictorParityTests(ITestOutputHelper output)
{
    private static readonly Lazy<ShapePredictor> Model = new(() => ShapePredictor.Load(DlibReference.ModelPath()));

    [SkippableFact]
    public void Every_annotated_dlib_example_face_matches_dlib()
    {
        var faces = DlibExampleFace.Load();
        Assert.True(faces.Count >= 40, $"expected the 43 annotated faces, found {faces.Count}");
        var work = RepoPaths.NewTempFolder("serkit-landmarks");
        try
        {
            var model = DlibReference.ModelPath();
            var dlib = DlibReference.Fit(model, faces.Select(f => (f.Pgm, f.Box)).ToList(), work);
            var serkit = FitAll(faces.Select(f => (f.Pgm, f.Box)).ToList());
            var stats = ParityStats.Compare(serkit, dlib);
            output.WriteLine($"{faces.Count} faces: {stats}");
            // NME against the points in dlib's XML files (which say they come from this same model).
            double nmeSerKit = 0, nmeDlib = 0, nmeSerKitRounded = 0;
            for (int f = 0; f < faces.Count; f++)
            {
                var (x, y) = serkit[f];
                nmeSerKit += Nme.Of(x, y, faces[f].X, faces[f].Y);
                nmeSerKitRounded += Nme.Of(x.Select(v => MathF.Floor(v + 0.5f)).ToArray(), y.Select(v => MathF.Floor(v + 0.5f)).ToArray(), faces[f].X, faces[f].Y);
                nmeDlib += Nme.Of(dlib[f].Where((_, i) => i % 2 == 0).Select(v => (float)v).ToArray(),
                                  dlib[f].Where((_, i) => i % 2 == 1).Select(v => (float)v).ToArray(), faces[f].X, faces[f].Y);
            }
            output.WriteLine($"NME (inter-ocular) vs the XML points: SerKit {nmeSerKit / faces.Count:P2} (rounded {nmeSerKitRounded / faces.Count:P2}), dlib {nmeDlib / faces.Count:P2}");
            Assert.Equal(nmeDlib, nmeSerKitRounded, 9);
            Assert.True(stats.MeanRounded <= 0.5, stats.ToString());
            Assert.True(stats.MeanSubPixel <= 0.5, stats.ToString());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [SkippableFact]
    public void Frames_of_a_talking_face_video_match_dlib()
    {
        var faces = FranckFrames.Faces();
        Assert.True(faces.Count >= 8, $"dlib's detector found faces in only {faces.Count} of the sampled frames");
        var work = RepoPaths.NewTempFolder("serkit-landmarks");
        try
        {
            var dlib = DlibReference.Fit(DlibReference.ModelPath(), faces, work);
            var stats = ParityStats.Compare(FitAll(faces), dlib);
            output.WriteLine($"franck.mp4, every {FranckFrames.Every}th frame, {faces.Count} faces: {stats}");
            Assert.True(stats.MeanRounded <= 0.5, stats.ToString());
            Assert.True(stats.MeanSubPixel <= 0.5, stats.ToString());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [SkippableFact]
    public void The_three_faces_of_a_still_photo_match_dlib()
    {
        var faces = TrackingStillFaces.Faces();
        Assert.Equal(3, faces.Count);
        var work = RepoPaths.NewTempFolder("serkit-landmarks");
        try
        {
            var dlib = DlibReference.Fit(DlibReference.ModelPath(), faces, work);
            var stats = ParityStats.Compare(FitAll(faces), dlib);
            output.WriteLine($"tracking faces.jpg, {faces.Count} faces: {stats}");
            Assert.True(stats.MeanRounded <= 0.5, stats.ToString());
            Assert.True(stats.MeanSubPixel <= 0.5, stats.ToString());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    internal static List<(float[] X, float[] Y)> FitAll(IReadOnlyList<(string Image, FaceBox Box)> faces)
    {
        var images = new Dictionary<string, GrayImage>();
        var result = new List<(float[], float[])>();
        foreach (var (path, box) in faces)
        {
            if (!images.TryGetValue(path, out var image)) images[path] = image = GrayImage.ReadPgm(path);
            var x = new float[68];
            var y = new float[68];
            Model.Value.Fit(image, box, x, y);
            result.Add((x, y));
        }
        return result;
    }
}
