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
