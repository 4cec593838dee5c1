using System.Runtime.InteropServices;
using OpenCvSharp;

namespace SerKit.Face;

/// <summary>
/// Finds frontal faces with an OpenCV cascade classifier (Haar or LBP, e.g. Debian <c>opencv-data</c>'s
/// <c>haarcascade_frontalface_default.xml</c>). The image is histogram-equalised and, when wider than
/// <see cref="FaceDetectorOptions.MaxSearchWidth"/>, shrunk before the search.
/// <para>
/// Confidence: OpenCV reports, for every grouped detection, the level weight of the cascade's last
/// stage (how far the window's stage sum cleared that stage's threshold). SerKit maps it to [0, 1] with
/// the logistic <c>1 / (1 + exp(-(w - w0) * 2))</c>, where <c>w0</c> is <see cref="FaceDetectorOptions.HalfConfidenceWeight"/>:
/// clear faces get more than 0.9, marginal windows about 0.5 and below.
/// </para>
/// <para>
/// The main speaker (<see cref="DetectMain"/>) is the face with the largest area, the area discounted by up
/// to half for distance from the image centre (so of two similar faces the central one wins).
/// Not thread-safe: use one detector per thread.
/// </para>
/// </summary>
public sealed class FaceDetector : IDisposable
{
    /// <summary>Where Debian's <c>opencv-data</c> installs the default cascade.</summary>
    public const string DefaultCascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    private readonly CascadeClassifier _cascade;
    private readonly Mat _small = new();
    private readonly Mat _equalised = new();

    private FaceDetector(string path, CascadeClassifier cascade, FaceDetectorOptions options)
    {
        CascadePath = path;
        _cascade = cascade;
        Options = options;
    }

    /// <summary>Loads a cascade; throws a <see cref="FaceModelException"/> naming the file (and the apt package) when it is missing or not a cascade.</summary>
    public static FaceDetector Load(string cascadePath, FaceDetectorOptions? options = null)
    {
        if (!File.Exists(cascadePath))
            throw new FaceModelException(cascadePath, "cascade file not found (apt-get install opencv-data, or give --cascade)");
        CascadeClassifier cascade;
        try
        {
            cascade = new CascadeClassifier(cascadePath);
        }
        catch (OpenCVException e)
        {
            throw new FaceModelException(cascadePath, $"not an OpenCV cascade ({e.Message})", e);
        }
        if (cascade.Empty())
        {
            cascade.Dispose();
            throw new FaceModelException(cascadePath, "not an OpenCV cascade classifier XML file");
        }
        return new FaceDetector(cascadePath, cascade, options ?? new FaceDetectorOptions());
    }

    /// <summary>The cascade file.</summary>
    public string CascadePath { get; }

    public FaceDetectorOptions Options { get; }

    /// <summary>Searches run so far (for tests and statistics).</summary>
    public int Searches { get; private set; }

    /// <summary>Every face in <paramref name="image"/>, most confident first.</summary>
    public IReadOnlyList<FaceDetection> DetectAll(GrayImage image)
    {
        Searches++;
        var handle = GCHandle.Alloc(image.Pixels, GCHandleType.Pinned);
        try
        {
            using var full = Mat.FromPixelData(image.Height, image.Width, MatType.CV_8UC1, handle.AddrOfPinnedObject(), image.Stride);
            double scale = 1;
            Mat search = full;
            if (image.Width > Options.MaxSearchWidth)
            {
                scale = (double)image.Width / Options.MaxSearchWidth;
                Cv2.Resize(full, _small, new Size(Options.MaxSearchWidth, (int)Math.Round(image.Height / scale)), 0, 0, InterpolationFlags.Area);
                search = _small;
            }
            Cv2.EqualizeHist(search, _equalised);
            int minSide = Math.Max(20, (int)(Math.Min(_equalised.Cols, _equalised.Rows) * Options.MinFaceFraction));
            var rects = _cascade.DetectMultiScale(_equalised, out _, out double[] weights, Options.ScaleFactor, Options.MinNeighbours,
                HaarDetectionTypes.ScaleImage, new Size(minSide, minSide), new Size(), outputRejectLevels: true);
            var found = new List<FaceDetection>(rects.Length);
            for (int i = 0; i < rects.Length; i++)
            {
                var r = rects[i];
                double w = i < weights.Length ? weights[i] : 0;
                var box = new FaceBox((float)(r.X * scale), (float)(r.Y * scale), (float)(r.Width * scale), (float)(r.Height * scale));
                found.Add(new FaceDetection(box, 1 / (1 + Math.Exp(-2 * (w - Options.HalfConfidenceWeight))), w));
            }
            found.Sort((a, b) => b.Confidence.CompareTo(a.Confidence));
            return found;
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>The main speaker's face (see the class remarks), or null when there is none.</summary>
    public FaceDetection? DetectMain(GrayImage image) => PickMain(DetectAll(image), image.Width, image.Height);

    /// <summary>The largest face, its area discounted by up to half for distance from the image centre.</summary>
    public static FaceDetection? PickMain(IReadOnlyList<FaceDetection> faces, int width, int height)
    {
        FaceDetection? best = null;
        double bestScore = double.NegativeInfinity;
        double halfDiagonal = Math.Sqrt(width * (double)width + height * (double)height) / 2;
        foreach (var f in faces)
        {
            double dx = f.Box.CentreX() - width / 2.0, dy = f.Box.CentreY() - height / 2.0;
            double score = f.Box.Width * f.Box.Height * (1 - 0.5 * Math.Min(1, Math.Sqrt(dx * dx + dy * dy) / halfDiagonal));
            if (score > bestScore)
            {
                bestScore = score;
                best = f;
            }
        }
        return best;
    }

    public void Dispose()
    {
        _cascade.Dispose();
        _small.Dispose();
        _equalised.Dispose();
    }
}
