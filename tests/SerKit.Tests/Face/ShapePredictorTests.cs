using SerKit.Face;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Face;

public sealed class ShapePredictorTests
{
    // Three landmarks; one cascade level with two feature pixels (on landmarks 0 and 1) and one
    // tree: feature0 − feature1 > 10 → leaf 0 (every x + 0.1), else leaf 1 (every y + 0.1).
    private static byte[] TinyModel(float threshold = 10)
    {
        var w = new DlibModelWriter();
        w.Int(1);                                                  // version
        w.Column(0.25f, 0.25f, 0.75f, 0.25f, 0.5f, 0.75f);       // initial_shape
        w.Int(1).Int(1);                                           // 1 level, 1 tree
        w.Int(1).Int(0).Int(1).Float(threshold);                   // splits: (0, 1, thresh)
        w.Int(2).Column(0.1f, 0, 0.1f, 0, 0.1f, 0).Column(0, 0.1f, 0, 0.1f, 0, 0.1f);
        w.Int(1).Int(2).Int(0).Int(1);                             // anchor_idx: level 0 = [0, 1]
        w.Int(1).Int(2).Float(0).Float(0).Float(0).Float(0);       // deltas: level 0 = [(0,0), (0,0)]
        return w.ToArray();
    }

    private static string WriteTemp(byte[] bytes, string name)
    {
        var path = Path.Combine(RepoPaths.NewTempFolder("serkit-sp"), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static GrayImage Image(byte at25, byte at75)
    {
        var pixels = new byte[101 * 101];
        pixels[25 * 101 + 25] = at25;
        pixels[25 * 101 + 75] = at75;
        return new GrayImage(pixels, 101, 101, 101);
    }

    [Fact]
    public void A_hand_built_model_walks_its_tree_on_the_feature_pixels()
    {
        var path = WriteTemp(TinyModel(), "tiny.dat");
        try
        {
            var sp = ShapePredictor.Load(path);
            Assert.Equal(3, sp.Landmarks);
            Assert.Equal(1, sp.CascadeDepth);
            var x = new float[3];
            var y = new float[3];
            // box (0, 0, 101, 101): unit square → pixels 0 … 100, so the features sit at (25, 25) and (75, 25)
            sp.Fit(Image(200, 50), new FaceBox(0, 0, 101, 101), x, y);   // 150 > 10: left leaf
            Assert.Equal(new[] { 35f, 85f, 60f }, x.Select(v => MathF.Round(v, 3)));
            Assert.Equal(new[] { 25f, 25f, 75f }, y.Select(v => MathF.Round(v, 3)));
            sp.Fit(Image(50, 200), new FaceBox(0, 0, 101, 101), x, y);   // −150: right leaf
            Assert.Equal(new[] { 25f, 75f, 50f }, x.Select(v => MathF.Round(v, 3)));
            Assert.Equal(new[] { 35f, 35f, 85f }, y.Select(v => MathF.Round(v, 3)));
            // a box moved off the image: both features read 0, 0 − 0 > 10 is false → right leaf
            sp.Fit(Image(200, 50), new FaceBox(-1000, 0, 101, 101), x, y);
            Assert.Equal(-1000 + 25f, x[0], 3);
            Assert.Equal(35f, y[0], 3);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Floats_are_read_in_dlibs_mantissa_exponent_format()
    {
        foreach (var t in new[] { 10f, -0.3f, 1e-30f, 3.4e38f, float.PositiveInfinity, float.NegativeInfinity, 0.1f })
        {
            var path = WriteTemp(TinyModel(t), "tiny.dat");
            try
            {
                var sp = ShapePredictor.Load(path);
                var x = new float[3];
                var y = new float[3];
                sp.Fit(Image(60, 50), new FaceBox(0, 0, 101, 101), x, y);   // difference 10
                bool left = 10f > t;
                Assert.Equal(left ? 35f : 25f, x[0], 3);
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
            }
        }
    }

    [Fact]
    public void A_truncated_model_is_refused_naming_the_file()
    {
        var bytes = TinyModel();
        for (int keep = 0; keep < bytes.Length; keep += 3)
        {
            var path = WriteTemp(bytes[..keep], "truncated.dat");
            try
            {
                var e = Assert.Throws<ShapePredictorException>(() => ShapePredictor.Load(path));
                Assert.Contains(path, e.Message);
                Assert.Contains("ends early", e.Message);
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
            }
        }
    }

    [Fact]
    public void A_file_that_is_not_a_shape_predictor_is_refused_naming_the_file()
    {
        var text = WriteTemp("<?xml version='1.0'?><opencv_storage/>"u8.ToArray(), "cascade.xml");
        var wrongVersion = WriteTemp(new DlibModelWriter().Int(2).ToArray(), "v2.dat");
        var missing = Path.Combine(Path.GetTempPath(), $"serkit-missing-{Guid.NewGuid():N}.dat");
        try
        {
            var e1 = Assert.Throws<ShapePredictorException>(() => ShapePredictor.Load(text));
            Assert.Contains(text, e1.Message);
            Assert.Contains("not a dlib shape_predictor", e1.Message);
            var e2 = Assert.Throws<ShapePredictorException>(() => ShapePredictor.Load(wrongVersion));
            Assert.Contains("version 2", e2.Message);
            var e3 = Assert.Throws<ShapePredictorException>(() => ShapePredictor.Load(missing));
            Assert.Contains(missing, e3.Message);
            Assert.Contains("libdlib-data", e3.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(text)!, recursive: true);
            Directory.Delete(Path.GetDirectoryName(wrongVersion)!, recursive: true);
        }
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var path = WriteTemp(TinyModel(), "tiny.dat");
        try
        {
            var sp = ShapePredictor.Load(path);
            Assert.Throws<ArgumentException>(() => sp.Fit(Image(0, 0), new FaceBox(0, 0, 101, 101), new float[2], new float[3]));
            Assert.Throws<ArgumentException>(() => sp.Fit(Image(0, 0), new FaceBox(0, 0, 0, 101), new float[3], new float[3]));
            Assert.Throws<ArgumentException>(() => new GrayImage(new byte[10], 4, 3, 4));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Colour_is_converted_to_gray_as_dlib_does()
    {
        byte[] rgb = [10, 20, 31, 255, 255, 254, 0, 0, 0, 0, 1, 2];     // 2x2, stride 6
        var gray = GrayImage.FromRgb24(rgb, 2, 2, 6);
        Assert.Equal(new byte[] { 20, 254, 0, 1 }, gray.Pixels);           // (r + g + b) / 3, rounded down
    }
}
