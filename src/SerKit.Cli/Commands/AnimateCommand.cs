using System.CommandLine;
using SerKit.Face;
using SerKit.Orofacial;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit animate</c>: predicts jaw and mouth landmarks from speech and writes them as an OpenFace CSV or renders them as an MP4 with the audio.</summary>
public static class AnimateCommand
{
    public static Command Create()
    {
        var audio = new Argument<string>("AUDIO") { Description = "Speech to animate (any format FFmpeg reads; a video's first audio stream)." };
        var model = new Option<string>("--model") { Description = "Trained orofacial model folder (from 'serkit orofacial-train').", Required = true, HelpName = "MODEL" };
        var output = new Option<string>("--output", "-o") { Description = "OUT.csv: the landmarks in OpenFace's schema; OUT.mp4: a video of the landmarks with the audio.", Required = true, HelpName = "OUT.csv|OUT.mp4" };
        var csv = new Option<string?>("--csv") { Description = "With an .mp4 output, also write the landmarks CSV here.", HelpName = "FILE" };
        var fps = new Option<double>("--fps") { Description = "Frames per second of the CSV and video.", DefaultValueFactory = _ => 30 };
        var width = new Option<int>("--width") { Description = "Video width in pixels (even).", DefaultValueFactory = _ => 640 };
        var height = new Option<int>("--height") { Description = "Video height in pixels (even).", DefaultValueFactory = _ => 480 };
        var codec = new Option<string>("--codec") { Description = "FFmpeg video encoder of the MP4 (libx264, or mpeg4 when FFmpeg lacks libx264).", DefaultValueFactory = _ => "libx264" };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        var command = new Command("animate",
            "Predict jaw (0–16) and mouth (48–67) landmark trajectories from speech with an orofacial model. The other points come from the "
            + "training set's mean face. Writes an OpenFace-schema CSV, or an MP4 (mouth and jaw highlighted) with the audio muxed in.")
        { audio, model, output, csv, fps, width, height, codec, threads };
        command.SetAction(parse => CommandErrors.Run(parse, "animate", o =>
        {
            var outPath = parse.GetRequiredValue(output);
            var ext = Path.GetExtension(outPath).ToLowerInvariant();
            if (ext is not (".csv" or ".mp4")) throw new ArgumentException($"{outPath}: the output must end in .csv or .mp4");
            if (ext == ".csv" && parse.GetValue(csv) is not null) throw new ArgumentException("--csv is only for an .mp4 output");
            int w = parse.GetValue(width), h = parse.GetValue(height);
            // The face scales with the frame: 1/4 of the width per inter-ocular distance, the eyes at 40 % of the height.
            var canvas = new AnimationCanvas
            {
                Width = w, Height = h, FramesPerSecond = parse.GetValue(fps), InterOcular = 0.25 * Math.Min(w, h * 4.0 / 3), OriginX = w / 2.0, OriginY = 0.4 * h,
            };
            canvas.Validate();
            var audioPath = parse.GetRequiredValue(audio);
            using var animator = OrofacialAnimator.Load(parse.GetRequiredValue(model), parse.GetValue(threads));
            var shapes = animator.Predict(audioPath, out int frames, out double seconds);
            var csvPath = ext == ".csv" ? outPath : parse.GetValue(csv);
            var track = animator.ToTrack(csvPath ?? outPath, shapes, frames, seconds, canvas);
            if (csvPath != null)
            {
                OpenFaceCsv.Write(csvPath, track);
                o.WriteLine($"wrote {csvPath}: {track.Frames.Count} frames at {canvas.FramesPerSecond:0.##} fps ({seconds:0.00} s of speech)");
            }
            if (ext == ".mp4")
            {
                AnimationVideo.Write(outPath, track, audioPath, canvas, parse.GetRequiredValue(codec));
                o.WriteLine($"wrote {outPath}: {track.Frames.Count} frames at {canvas.FramesPerSecond:0.##} fps, {canvas.Width}×{canvas.Height}, with the audio");
            }
            return 0;
        }));
        return command;
    }
}
