using System.CommandLine;
using System.Globalization;
using SerKit.Face;
using SerKit.Media;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit landmarks</c>: an image or a video in, an OpenFace-schema CSV out (68 landmarks per frame).</summary>
public static class LandmarksCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "An image (png, jpg, …) or a video (mp4, flv, webm, avi, …)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The OpenFace-schema CSV to write.", Required = true };
        var box = new Option<string?>("--box") { Description = "Fit in this box (left,top,width,height in pixels) in every frame instead of detecting and tracking." };
        var every = new Option<int>("--every") { Description = "Fit every N-th video frame only.", DefaultValueFactory = _ => 1 };
        var overlay = new Option<FileInfo?>("--overlay") { Description = "Also write the frames with the points drawn: OUT.png for an image, OUT.mp4 for a video." };
        var model = new Option<FileInfo>("--model") { Description = "dlib's 68-landmark model (Debian libdlib-data).", DefaultValueFactory = _ => new FileInfo(FaceModelFiles.DefaultModel) };
        var cascade = new Option<FileInfo>("--cascade") { Description = "OpenCV face cascade (Debian opencv-data).", DefaultValueFactory = _ => new FileInfo(FaceDetector.DefaultCascadePath) };
        var command = new Command("landmarks", "Fit 68 face landmarks on an image or every frame of a video (OpenFace-schema CSV).")
        {
            input, output, box, every, overlay, model, cascade,
        };
        command.SetAction(parse => CommandErrors.Run(parse, "landmarks", stdout =>
        {
            var inputPath = parse.GetValue(input)!.FullName;
            var outputPath = parse.GetValue(output)!.FullName;
            var modelPath = parse.GetValue(model)!.FullName;
            var cascadePath = parse.GetValue(cascade)!.FullName;
            var fixedBox = parse.GetValue(box) is { } text ? ParseBox(text) : (FaceBox?)null;
            if (fixedBox == null) FaceModelFiles.Check(modelPath, cascadePath);
            else FaceModelFiles.Check(modelPath, modelPath);
            bool isImage = ImageFile.IsImagePath(inputPath);
            var overlayPath = parse.GetValue(overlay)?.FullName;
            if (overlayPath != null)
            {
                var ext = Path.GetExtension(overlayPath).ToLowerInvariant();
                if (isImage && ext is not (".png" or ".jpg" or ".jpeg"))
                    throw new ArgumentException($"--overlay {overlayPath}: an image input gives a .png (or .jpg) overlay");
                if (!isImage && ext != ".mp4")
                    throw new ArgumentException($"--overlay {overlayPath}: a video input gives an .mp4 overlay");
            }
            var predictor = ShapePredictor.Load(modelPath);
            using var detector = fixedBox == null ? FaceDetector.Load(cascadePath) : null;
            var options = new FaceVideoOptions
            {
                Every = parse.GetValue(every),
                FixedBox = fixedBox,
            };
            var pipeline = new FaceVideoPipeline(detector, predictor.Fit, options);
            var track = isImage ? pipeline.RunImage(inputPath, outputPath, overlayPath) : pipeline.Run(inputPath, outputPath, overlayPath);
            OpenFaceCsv.Write(outputPath, track);
            var s = pipeline.LastStats!;
            stdout.WriteLine($"{track.Frames.Count} frame(s) fitted, face in {s.FramesWithFace}, detector run {s.Detections} time(s), fit lost {s.Losses} time(s): {outputPath}");
            if (overlayPath != null) stdout.WriteLine($"overlay: {overlayPath}");
            return 0;
        }));
        return command;
    }

    private static FaceBox ParseBox(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[4];
        if (parts.Length != 4 || !parts.Select((p, i) => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok)
            || values[2] <= 0 || values[3] <= 0)
            throw new FormatException($"--box '{text}': expected left,top,width,height in pixels with positive width and height, e.g. 120,80,150,150");
        return new FaceBox(values[0], values[1], values[2], values[3]);
    }
}
