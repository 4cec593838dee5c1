using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace SerKit.Media;

/// <summary>
/// What <c>ffprobe</c> says about a media file's first video and first audio stream: the start
/// times of both and the presentation time of the first video frame (seconds on the container
/// clock), and the video's size and nominal frame rate.
/// </summary>
public sealed record VideoStreamInfo(int Width, int Height, double FramesPerSecond, double VideoStart, double? AudioStart, double FirstFrameTime)
{
    /// <summary>The program run; found on PATH.</summary>
    public const string Program = "ffprobe";

    /// <summary>The zero of SerKit's face timestamps on the container clock: the audio stream's start, or the video stream's when there is no audio.</summary>
    public double Reference => AudioStart ?? VideoStart;

    /// <summary>The first video frame's timestamp in SerKit's convention (seconds from <see cref="Reference"/>).</summary>
    public double FirstFrameTimestamp => FirstFrameTime - Reference;

    /// <summary>Probes <paramref name="path"/>; throws a <see cref="MediaException"/> naming the file when it is not media or has no video stream.</summary>
    public static VideoStreamInfo Probe(string path)
    {
        if (!File.Exists(path)) throw new MediaException(path, "file not found");
        var text = Run(path, "-show_entries", "stream=index,codec_type,width,height,avg_frame_rate,r_frame_rate,start_time", "-of", "csv=p=0:nk=0");
        Dictionary<string, string>? video = null, audio = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(',').Select(f => f.Split('=', 2)).Where(p => p.Length == 2)
                .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
            if (!fields.TryGetValue("codec_type", out var type)) continue;
            if (type == "video" && video == null) video = fields;
            else if (type == "audio" && audio == null) audio = fields;
        }
        if (video == null) throw new MediaException(path, "no video stream");
        int width = (int)Number(video, "width"), height = (int)Number(video, "height");
        if (width <= 0 || height <= 0) throw new MediaException(path, "the video stream has no frame size");
        double fps = Rate(video, "avg_frame_rate");
        if (!(fps > 0)) fps = Rate(video, "r_frame_rate");
        double videoStart = Number(video, "start_time");
        if (!double.IsFinite(videoStart)) videoStart = 0;
        double? audioStart = null;
        if (audio != null)
        {
            double a = Number(audio, "start_time");
            audioStart = double.IsFinite(a) ? a : 0;
        }
        var first = Run(path, "-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time", "-read_intervals", "%+#1", "-of", "csv=p=0")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first == null) throw new MediaException(path, "the video stream has no frames");
        if (!double.TryParse(first.TrimEnd(','), NumberStyles.Float, CultureInfo.InvariantCulture, out var firstTime)) firstTime = videoStart;
        return new VideoStreamInfo(width, height, fps > 0 ? fps : double.NaN, videoStart, audioStart, firstTime);
    }

    private static string Run(string path, params string[] args)
    {
        var psi = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-v", "error" }.Concat(args).Append("file:" + Path.GetFullPath(path)))
            psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new MediaException(path, $"cannot start {Program}");
        }
        catch (Win32Exception e)
        {
            throw new MediaException(path, $"{Program} is not installed; apt-get install ffmpeg", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var why = stderr.Result.Trim().Split('\n').LastOrDefault()?.Trim();
                throw new MediaException(path, $"cannot be decoded ({(string.IsNullOrEmpty(why) ? "not a media file" : why)})");
            }
            return text;
        }
    }

    private static double Number(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;

    private static double Rate(Dictionary<string, string> fields, string key)
    {
        if (!fields.TryGetValue(key, out var text)) return double.NaN;
        var parts = text.Split('/');
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0)
            return n / d;
        return double.NaN;
    }
}
