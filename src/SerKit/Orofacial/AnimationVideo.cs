using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using OpenCvSharp;
using SerKit.Face;
using SerKit.Media;

namespace SerKit.Orofacial;

/// <summary>
/// Renders a face track as a video a person can watch, with the speech as its sound track: every row is drawn with
/// <see cref="OrofacialDrawing"/> on a canvas and piped as raw BGR frames to the <c>ffmpeg</c> CLI, which encodes the video (H.264,
/// <c>libx264</c>, yuv420p, by default), takes the first audio stream of the audio file (AAC) and muxes both into an MP4. The file is written
/// under a temporary name and renamed, so a reader never sees half a video.
/// </summary>
public static class AnimationVideo
{
    /// <summary>
    /// Writes <paramref name="outputPath"/> (.mp4) from <paramref name="track"/> (pixel coordinates on <paramref name="canvas"/>, one row per
    /// video frame at <see cref="AnimationCanvas.FramesPerSecond"/>) and the audio of <paramref name="audioPath"/>.
    /// </summary>
    public static void Write(string outputPath, FaceTrack track, string audioPath, AnimationCanvas canvas, string videoCodec = "libx264", string program = "ffmpeg")
    {
        canvas.Validate();
        if (track.Frames.Count == 0) throw new ArgumentException("the track has no frames");
        var full = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial.mp4");
        var psi = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        var fps = canvas.FramesPerSecond.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var a in new[]
                 {
                     "-hide_banner", "-loglevel", "error", "-y",
                     "-f", "rawvideo", "-pix_fmt", "bgr24", "-video_size", $"{canvas.Width}x{canvas.Height}", "-framerate", fps, "-i", "pipe:0",
                     "-i", "file:" + Path.GetFullPath(audioPath),
                     "-map", "0:v:0", "-map", "1:a:0", "-c:v", videoCodec, "-pix_fmt", "yuv420p",
                 })
            psi.ArgumentList.Add(a);
        if (videoCodec == "libx264") foreach (var a in new[] { "-preset", "veryfast", "-crf", "20" }) psi.ArgumentList.Add(a);
        foreach (var a in new[] { "-c:a", "aac", "-b:a", "128k", "-shortest", "-movflags", "+faststart", "file:" + temp }) psi.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(psi) ?? throw new MediaException(outputPath, $"cannot start {program}"); }
        catch (Win32Exception e) { throw new MediaException(outputPath, $"{program} is not installed; apt-get install ffmpeg", e); }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            try
            {
                using var frame = new Mat(canvas.Height, canvas.Width, MatType.CV_8UC3);
                var buffer = new byte[canvas.Width * canvas.Height * 3];
                var input = process.StandardInput.BaseStream;
                foreach (var row in track.Frames)
                {
                    OrofacialDrawing.Draw(frame, row.X, row.Y, row.Timestamp);
                    Marshal.Copy(frame.Data, buffer, 0, buffer.Length);
                    input.Write(buffer);
                }
                input.Close();
            }
            catch (IOException)
            {
                // ffmpeg stopped reading (it failed); its message is reported below.
            }
            process.WaitForExit();
            var message = stderr.Result.Trim();
            _ = stdout.Result;
            if (process.ExitCode != 0 || !File.Exists(temp))
            {
                try { File.Delete(temp); } catch (IOException) { }
                throw new MediaException(audioPath, $"ffmpeg could not write the animation video {outputPath}: {(message.Length > 0 ? message.Split('\n')[^1] : $"exit code {process.ExitCode}")}");
            }
        }
        File.Move(temp, full, overwrite: true);
    }
}
