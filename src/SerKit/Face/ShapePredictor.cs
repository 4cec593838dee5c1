namespace SerKit.Face;

/// <summary>
/// dlib's ensemble-of-regression-trees face alignment (Kazemi &amp; Sullivan 2014), read from a
/// serialized dlib 19.x <c>shape_predictor</c> (e.g. <c>shape_predictor_68_face_landmarks.dat</c>
/// from Debian's <c>libdlib-data</c>) and evaluated as dlib's <c>shape_predictor::operator()</c>
/// does. Points are pixels (x = column, y = row, pixel centres at integer coordinates); dlib
/// rounds its output to whole pixels (<c>floor(v + 0.5)</c>), SerKit keeps the sub-pixel value.
/// Immutable after loading: <see cref="Fit"/> may be called from many threads at once.
/// </summary>
public sealed class ShapePredictor
{
    private const int MaxStackFloats = 4096;
    private readonly float[] _initialShape;
    private readonly RegressionForest[] _cascade;
    private readonly double _meanX, _meanY, _sigma;
    private readonly double[] _centred;   // initial shape minus its mean, (x, y) per landmark
    private readonly int _maxFeatures, _maxTrees;

    internal ShapePredictor(float[] initialShape, RegressionForest[] cascade)
    {
        _initialShape = initialShape;
        _cascade = cascade;
        int n = initialShape.Length / 2;
        // The similarity from the mean shape to the current one needs the mean shape's centre
        // and spread; they never change, so they are computed once (in dlib's order, in double).
        double sx = 0, sy = 0;
        for (int i = 0; i < n; i++) { sx += initialShape[2 * i]; sy += initialShape[2 * i + 1]; }
        _meanX = sx / n;
        _meanY = sy / n;
        _centred = new double[2 * n];
        double sigma = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = initialShape[2 * i] - _meanX, dy = initialShape[2 * i + 1] - _meanY;
            _centred[2 * i] = dx;
            _centred[2 * i + 1] = dy;
            sigma += dx * dx + dy * dy;
        }
        _sigma = sigma / n;
        _maxFeatures = cascade.Length == 0 ? 0 : cascade.Max(f => f.FeatureCount);
        _maxTrees = cascade.Length == 0 ? 0 : cascade.Max(f => f.TreeCount);
    }

    /// <summary>Number of landmarks the model places (68 for the iBUG-300W model).</summary>
    public int Landmarks => _initialShape.Length / 2;

    /// <summary>Number of cascade levels (15 for the 68-point model).</summary>
    public int CascadeDepth => _cascade.Length;

    /// <summary>Trees per cascade level (500 for the 68-point model).</summary>
    public int TreesPerLevel => _maxTrees;

    /// <summary>The mean shape in the unit square of the face box, (x, y) per landmark.</summary>
    public ReadOnlySpan<float> MeanShape => _initialShape;

    /// <summary>Reads a dlib serialized <c>shape_predictor</c>.</summary>
    /// <exception cref="ShapePredictorException">the file is missing, truncated or not a dlib shape_predictor; the message names the file.</exception>
    public static ShapePredictor Load(string datPath) => ShapePredictorReader.Read(datPath);

    /// <summary>
    /// Fits the landmarks of the face in <paramref name="box"/>: fills <paramref name="x"/>[0 ..
    /// <see cref="Landmarks"/>) and <paramref name="y"/>[..] with pixel coordinates. No allocation.
    /// </summary>
    public void Fit(GrayImage image, FaceBox box, Span<float> x, Span<float> y)
    {
        ArgumentNullException.ThrowIfNull(image);
        int n = Landmarks;
        if (x.Length < n || y.Length < n) throw new ArgumentException($"x and y need room for {n} landmarks, got {x.Length} and {y.Length}");
        if (!(box.Width > 0 && box.Height > 0) || !float.IsFinite(box.Left) || !float.IsFinite(box.Top) || !float.IsFinite(box.Width) || !float.IsFinite(box.Height))
            throw new ArgumentException($"face box {box} is not a finite box with positive width and height");
        Span<float> shape = _initialShape.Length <= MaxStackFloats ? stackalloc float[_initialShape.Length] : new float[_initialShape.Length];
        Span<float> features = _maxFeatures <= MaxStackFloats ? stackalloc float[_maxFeatures] : new float[_maxFeatures];
        Span<int> leaves = _maxTrees <= MaxStackFloats ? stackalloc int[_maxTrees] : new int[_maxTrees];
        _initialShape.CopyTo(shape);
        var toImage = new BoxTransform(box);
        foreach (var level in _cascade)
        {
            SimilarityToCurrent(shape, out float a, out float b);
            level.ExtractFeatures(image, shape, a, -b, b, a, toImage, features[..level.FeatureCount]);
            level.AddLeaves(features[..level.FeatureCount], shape, leaves);
        }
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)(toImage.ScaleX * shape[2 * i] + toImage.Left);
            y[i] = (float)(toImage.ScaleY * shape[2 * i + 1] + toImage.Top);
        }
    }

    /// <summary>
    /// The least-squares similarity (Umeyama 1991, as dlib's <c>find_similarity_transform</c>) from
    /// the mean shape to <paramref name="shape"/>; only its linear part [[a, −b], [b, a]] is needed.
    /// In 2-D the SVD of the cross-covariance reduces to a = (c00 + c11) / σ², b = (c10 − c01) / σ².
    /// </summary>
    private void SimilarityToCurrent(ReadOnlySpan<float> shape, out float a, out float b)
    {
        int n = Landmarks;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += shape[2 * i]; my += shape[2 * i + 1]; }
        mx /= n;
        my /= n;
        double c00 = 0, c01 = 0, c10 = 0, c11 = 0;
        var centred = _centred;
        for (int i = 0; i < n; i++)
        {
            double tx = shape[2 * i] - mx, ty = shape[2 * i + 1] - my;
            double fx = centred[2 * i], fy = centred[2 * i + 1];
            c00 += tx * fx;
            c01 += tx * fy;
            c10 += ty * fx;
            c11 += ty * fy;
        }
        c00 /= n; c01 /= n; c10 /= n; c11 /= n;
        a = (float)((c00 + c11) / _sigma);
        b = (float)((c10 - c01) / _sigma);
    }
}
