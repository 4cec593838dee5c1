using System.Globalization;
using SerKit.Media;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Media;

public class VideoReaderTests
{
    /// <summary>Makes a 1 s test pattern (moving, so frames differ) with a sine audio track.</summary>
    private static string Make(string dir, string name, string rate, int width, int height, string pixelFormat, string[] codec, double videoDelay = 0)
    {
        var path = Path.Combine(dir, name);
        var args = new List<string>();
        if (videoDelay > 0) args.AddRange(["-itsoffset", videoDelay.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(["-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate={rate}:duration=1"]);
        args.AddRange(FfmpegCli.Sine(440, 44100, 1.5));
        args.AddRange(["-pix_fmt", pixelFormat]);
        args.AddRange(codec);
        args.Add(path);
        FfmpegCli.Run(args.ToArray());
        return path;
    }

    public static TheoryData<string, string, int, int, string, string> Cases => new()
    {
        { "a.mp4", "24", 320, 240, "yuv420p", "libx264" },
        { "b.mp4", "30000/1001", 641, 479, "yuv444p", "libx264" },
        { "c.flv", "25", 320, 240, "yuv420p", "flv" },
        { "d.webm", "30", 321, 241, "yuv420p", "libvpx" },
        { "e.avi", "25", 641, 479, "gray", "ffv1" },
        { "f.avi", "30", 176, 144, "yuv420p", "mpeg4" },
        { "g.mkv", "29.97", 160, 121, "gray", "ffv1" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void FramesAndTimestampsMatchFfprobe(string name, string rate, int width, int height, string pixelFormat, string codec)
    {
        FfmpegCli.Require();
        var dir = RepoPaths.NewTempFolder();
        var path = Make(dir, name, rate, width, height, pixelFormat, ["-c:v", codec]);
        var expected = FfprobeFrames.VideoFrameTimes(path);
        double audioStart = FfprobeFrames.StreamStart(path, "a");
        using var video = VideoReader.Open(path);
        Assert.Equal((width, height), (video.Width, video.Height));
        var times = new List<double>();
        double previousMean = -1;
        int changed = 0;
        while (video.Read())
        {
            Assert.Equal((width, height), (video.Current.Width, video.Current.Height));
            times.Add(video.Timestamp);
            double mean = video.Current.Pixels.Average(b => (double)b);
            if (Math.Abs(mean - previousMean) > 1e-9) changed++;
            previousMean = mean;
        }
        Assert.Equal(expected.Length, times.Count);
        for (int i = 0; i < times.Count; i++)
            Assert.True(Math.Abs(times[i] - (expected[i] - audioStart)) < 1.5e-3, $"{name} frame {i}: {times[i]} s, ffprobe {expected[i] - audioStart} s");
        Assert.True(changed > times.Count / 2, "decoded frames should differ (testsrc moves)");
    }

    [SkippableFact]
    public void TimestampsAreMeasuredFromTheAudioStart()
    {
        FfmpegCli.Require();
        var dir = RepoPaths.NewTempFolder();
        var path = Make(dir, "late.mkv", "25", 320, 240, "yuv420p", ["-c:v", "libx264"], videoDelay: 0.4);
        Assert.Equal(0, FfprobeFrames.StreamStart(path, "a"), 3);
        using var video = VideoReader.Open(path);
        Assert.True(video.Read());
        Assert.InRange(video.Timestamp, 0.395, 0.405);
        Assert.True(video.Read());
        Assert.InRange(video.Timestamp, 0.435, 0.445);
    }

    [SkippableFact]
    public void GrayscaleValuesSurvive()
    {
        FfmpegCli.Require();
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "flat.avi");
        FfmpegCli.Run("-f", "lavfi", "-i", "color=c=0x404040:size=65x33:rate=10:duration=0.3", "-pix_fmt", "gray", "-c:v", "ffv1", path);
        using var video = VideoReader.Open(path);
        int n = 0;
        while (video.Read())
        {
            n++;
            Assert.All(video.Current.Pixels, b => Assert.InRange(b, 0x3E, 0x42));
        }
        Assert.Equal(3, n);
    }

    [SkippableFact]
    public void AudioOnlyAndGarbageFilesAreRefusedNamingTheFile()
    {
        FfmpegCli.Require();
        var dir = RepoPaths.NewTempFolder();
        var audio = Path.Combine(dir, "speech.m4a");
        FfmpegCli.Run([.. FfmpegCli.Sine(440, 16000, 0.5), audio]);
        var e = Assert.Throws<MediaException>(() => VideoReader.Open(audio));
        Assert.Contains(audio, e.Message);
        Assert.Contains("no video stream", e.Message);

        var garbage = Path.Combine(dir, "broken.mp4");
        File.WriteAllBytes(garbage, Enumerable.Range(0, 4000).Select(i => (byte)(i * 37)).ToArray());
        e = Assert.Throws<MediaException>(() => VideoReader.Open(garbage));
        Assert.Contains(garbage, e.Message);
        Assert.Contains("cannot be decoded", e.Message);

        var missing = Path.Combine(dir, "missing.mp4");
        e = Assert.Throws<MediaException>(() => VideoReader.Open(missing));
        Assert.Contains(missing, e.Message);
    }
}
