using OpenCvSharp;
using SerKit.Media;

namespace SerKit.Face;

/// <summary>
/// One video (or still image) in, one OpenFace-schema <see cref="FaceTrack"/> out: decode (streaming,
/// <see cref="VideoReader"/>) → detect / track the main speaker (<see cref="FaceTracker"/>) → 68 landmarks
/// (the <see cref="LandmarkFitter"/>, i.e. <c>ShapePredictor.Fit</c>) → AUs (<see cref="FaceVideoOptions.ActionUnits"/>).
/// Rows: <c>frame</c> counts from 1 like OpenFace, <c>face_id</c> 0, <c>timestamp</c> in seconds from the start
/// of the file's audio stream, <c>confidence</c> and <c>success</c> from the tracker; frames without a face have
/// success 0, confidence 0 and NaN landmarks. A video in which no frame shows a face is an error
/// (<see cref="MediaException"/>: "no face found"), so a batch reports it instead of writing an empty track.
/// Not thread-safe: one pipeline per thread.
/// </summary>
public sealed class FaceVideoPipeline
{
    private readonly FaceDetector? _detector;
    private readonly LandmarkFitter _fit;

    /// <summary><paramref name="detector"/> may be null only when <see cref="FaceVideoOptions.FixedBox"/> is set.</summary>
    public FaceVideoPipeline(FaceDetector? detector, LandmarkFitter fit, FaceVideoOptions? options = null)
    {
        Options = options ?? new FaceVideoOptions();
        if (Options.Every < 1) throw new ArgumentException($"every must be at least 1, got {Options.Every}");
        if (detector == null && Options.FixedBox == null) throw new ArgumentException("a face detector is needed unless a fixed box is given");
        _detector = detector;
        _fit = fit;
    }

    public FaceVideoOptions Options { get; }

    /// <summary>Statistics of the last <see cref="Run"/>.</summary>
    public FaceVideoStats? LastStats { get; private set; }

    /// <summary>
    /// Processes the video at <paramref name="videoPath"/>; the track's <see cref="FaceTrack.Path"/> is
    /// <paramref name="trackPath"/> (where the caller will write it). With <paramref name="overlayPath"/> an
    /// MP4 with the fits drawn on the frames is written too (atomically).
    /// </summary>
    public FaceTrack Run(string videoPath, string trackPath, string? overlayPath = null, CancellationToken cancellation = default)
    {
        using var video = VideoReader.Open(videoPath);
        var tracker = _detector == null ? null : new FaceTracker(_detector, _fit, Options.Tracker);
        var frames = new List<FaceFrame>();
        int decoded = 0, withFace = 0;
        string? overlayTemp = overlayPath == null ? null : TemporaryVideoPath(overlayPath);
        VideoWriter? writer = null;
        try
        {
            if (overlayTemp != null)
            {
                double fps = double.IsFinite(video.Info.FramesPerSecond) ? video.Info.FramesPerSecond : 25;
                writer = new VideoWriter(overlayTemp, FourCC.FromString("mp4v"), fps, new Size(video.Width, video.Height));
                if (!writer.IsOpened()) throw new MediaException(overlayPath!, "cannot write an MP4 overlay here (OpenCV's video writer did not open)");
            }
            while (video.Read())
            {
                cancellation.ThrowIfCancellationRequested();
                decoded++;
                if (video.Index % Options.Every != 0)
                {
                    writer?.Write(video.CurrentBgr); // a frame that is not fitted stays as it is in the overlay
                    continue;
                }
                var frame = FitFrame(video.Current, tracker, video.Index + 1, video.Timestamp, out var box);
                if (frame.Success) withFace++;
                frames.Add(frame);
                if (writer != null)
                {
                    FaceOverlay.Draw(video.CurrentBgr, box, frame.X, frame.Y, frame.Success);
                    writer.Write(video.CurrentBgr);
                }
            }
            writer?.Release();
        }
        catch
        {
            writer?.Dispose();
            if (overlayTemp != null) File.Delete(overlayTemp);
            throw;
        }
        writer?.Dispose();
        LastStats = new FaceVideoStats(decoded, frames.Count, withFace, tracker?.Detections ?? 0, tracker?.Losses ?? 0);
        if (decoded == 0) throw new MediaException(videoPath, "the video stream has no frames that can be decoded");
        if (withFace == 0)
        {
            if (overlayTemp != null) File.Delete(overlayTemp);
            throw new MediaException(videoPath, $"no face found in {frames.Count} frame{(frames.Count == 1 ? "" : "s")}");
        }
        if (overlayTemp != null) File.Move(overlayTemp, Path.GetFullPath(overlayPath!), overwrite: true);
        return Finish(trackPath, frames);
    }

    /// <summary>Processes a still image as a one-frame track (frame 1, timestamp 0); <paramref name="overlayPath"/> receives a PNG with the fit drawn.</summary>
    public FaceTrack RunImage(string imagePath, string trackPath, string? overlayPath = null)
    {
        var image = ImageFile.ReadGray(imagePath);
        var tracker = _detector == null ? null : new FaceTracker(_detector, _fit, Options.Tracker);
        var frame = FitFrame(image, tracker, 1, 0, out var box);
        LastStats = new FaceVideoStats(1, 1, frame.Success ? 1 : 0, tracker?.Detections ?? 0, 0);
        if (!frame.Success) throw new MediaException(imagePath, "no face found");
        if (overlayPath != null)
        {
            using var bgr = Cv2.ImRead(imagePath, ImreadModes.Color);
            FaceOverlay.Draw(bgr, box, frame.X, frame.Y, frame.Success);
            var bytes = bgr.ImEncode(Path.GetExtension(overlayPath).Length > 0 ? Path.GetExtension(overlayPath) : ".png");
            IO.AtomicFile.Write(overlayPath, s => s.Write(bytes));
        }
        return Finish(trackPath, new List<FaceFrame> { frame });
    }

    private FaceFrame FitFrame(GrayImage image, FaceTracker? tracker, int number, double timestamp, out FaceBox? box)
    {
        var x = new float[FaceTrack.LandmarkCount];
        var y = new float[FaceTrack.LandmarkCount];
        bool success;
        double confidence;
        if (Options.FixedBox is { } fixedBox)
        {
            _fit(image, fixedBox, x, y);
            success = true;
            confidence = 1;
            box = fixedBox;
        }
        else
        {
            success = tracker!.Next(image, x, y, out confidence);
            box = success ? tracker.LastBox : null;
        }
        return new FaceFrame(number, 0, timestamp, Math.Round(confidence, 2), success, x, y, Array.Empty<float>(), Array.Empty<float>());
    }

    private FaceTrack Finish(string trackPath, List<FaceFrame> frames)
    {
        var track = new FaceTrack(trackPath, frames, Array.Empty<int>(), Array.Empty<int>());
        return Options.ActionUnits == null ? track : Options.ActionUnits(track);
    }

    /// <summary>A hidden temporary name next to <paramref name="path"/> that keeps the .mp4 extension (OpenCV picks the container from it).</summary>
    private static string TemporaryVideoPath(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial{Path.GetExtension(full)}");
    }
}
