using SerKit.Face;
using SerKit.Media;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Media;

namespace SerKit.Tests.Face;

public class FaceVideoPipelineTests
{
    [SkippableFact]
    public void TracksFranckWithTimestampsOfTheAudioTrack()
    {
        var model = LandmarkModel.Get();
        var dir = RepoPaths.NewTempFolder();
        var clip = FranckClips.Cut(Path.Combine(dir, "franck.mkv"), 30, 3, audioLead: 0.5);
        using var detector = FaceDetector.Load(FaceMaterial.Cascade());
        var pipeline = new FaceVideoPipeline(detector, model.Fit);
        var track = pipeline.Run(clip, Path.Combine(dir, "franck.csv"));

        var expected = FfprobeFrames.VideoFrameTimes(clip);
        double audioStart = FfprobeFrames.StreamStart(clip, "a");
        Assert.Equal(expected.Length, track.Frames.Count);
        Assert.InRange(expected[0] - audioStart, 0.45, 0.65); // the video starts about 0.5 s after the audio
        for (int i = 0; i < expected.Length; i++)
        {
            var f = track.Frames[i];
            Assert.Equal(i + 1, f.Frame);
            Assert.Equal(0, f.FaceId);
            Assert.Equal(expected[i] - audioStart, f.Timestamp, 3);
            Assert.True(f.HasValidLandmarks(0.5), $"frame {f.Frame}: success {f.Success}, confidence {f.Confidence}");
        }
        Assert.True(pipeline.LastStats!.Detections <= 1 + expected.Length / new FaceTrackerOptions().CheckEvery);

        // Every 3rd frame: the same frames and numbers, a third of the rows.
        var sparse = new FaceVideoPipeline(detector, model.Fit, new FaceVideoOptions { Every = 3 }).Run(clip, "x.csv");
        Assert.Equal(Enumerable.Range(0, (expected.Length + 2) / 3).Select(k => 3 * k + 1), sparse.Frames.Select(f => f.Frame));
        Assert.Equal(track.Frames[3].Timestamp, sparse.Frames[1].Timestamp);

        // The written CSV reads back as an OpenFace track with landmarks.
        OpenFaceCsv.Write(Path.Combine(dir, "franck.csv"), track);
        var read = OpenFaceCsv.Read(Path.Combine(dir, "franck.csv"), new FaceRequirements { Landmarks = true });
        Assert.Equal(track.Frames.Count, read.Frames.Count);
    }

    [SkippableFact]
    public void AVideoWithoutAFaceIsAnErrorNamingTheFile()
    {
        var model = LandmarkModel.Get();
        FfmpegCli.Require();
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "pattern.mp4");
        FfmpegCli.Run("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=1", "-pix_fmt", "yuv420p", "-c:v", "libx264", path);
        using var detector = FaceDetector.Load(FaceMaterial.Cascade());
        var pipeline = new FaceVideoPipeline(detector, model.Fit);
        var e = Assert.Throws<MediaException>(() => pipeline.Run(path, Path.Combine(dir, "pattern.csv")));
        Assert.Contains(path, e.Message);
        Assert.Contains("no face found in 25 frames", e.Message);
        Assert.Equal(25, pipeline.LastStats!.Detections); // nothing to track: the detector runs on every frame
    }

    [SkippableFact]
    public void AFixedBoxFitsEveryFrameInThatBoxWithoutTheDetector()
    {
        var model = LandmarkModel.Get();
        var dir = RepoPaths.NewTempFolder();
        var clip = FranckClips.Cut(Path.Combine(dir, "franck.mp4"), 60, 0.5);
        var box = new FaceBox(110, 60, 150, 150);
        var track = new FaceVideoPipeline(null, model.Fit, new FaceVideoOptions { FixedBox = box }).Run(clip, "x.csv");
        using var video = VideoReader.Open(clip);
        var x = new float[68];
        var y = new float[68];
        foreach (var f in track.Frames)
        {
            Assert.True(video.Read());
            model.Fit(video.Current, box, x, y);
            Assert.Equal(x, f.X);
            Assert.Equal(y, f.Y);
            Assert.Equal(1.0, f.Confidence);
        }
    }
}
