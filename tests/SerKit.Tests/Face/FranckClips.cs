using System.Globalization;
using SerKit.Tests.Media;

namespace SerKit.Tests.Face;

/// <summary>Short clips of franck.mp4 cut (and re-encoded) at test time with the ffmpeg CLI.</summary>
internal static class FranckClips
{
    /// <summary>
    /// <paramref name="seconds"/> of franck.mp4 from <paramref name="start"/> into <paramref name="path"/>; with
    /// <paramref name="audioLead"/> a sine audio track is added that starts that many seconds before the video.
    /// </summary>
    public static string Cut(string path, double start, double seconds, double? audioLead = null)
    {
        FfmpegCli.Require();
        string S(double v) => v.ToString(CultureInfo.InvariantCulture);
        var args = new List<string>();
        args.AddRange(["-ss", S(start), "-t", S(seconds), "-i", FaceMaterial.Franck()]);
        if (audioLead is not null)
        {
            args.AddRange(FfmpegCli.Sine(300, 16000, seconds + 1));
            args.AddRange(["-map", "0:v", "-map", "1:a", "-c:a", "aac", "-vf", $"setpts=PTS-STARTPTS+{S(audioLead.Value)}/TB"]);
        }
        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path]);
        FfmpegCli.Run(args.ToArray());
        return path;
    }
}
