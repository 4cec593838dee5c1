using SerKit.Corpus;
using SerKit.Face;
using SerKit.Tests.Face;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Media;

namespace SerKit.Tests.Cli;

public class FaceCommandsTests
{
    private static string[] Models() => ["--model", FaceMaterial.LandmarkModel(), "--cascade", FaceMaterial.Cascade()];

    [SkippableFact]
    public void LandmarksOnAnImageWritesOneRowAndAPngOverlay()
    {
        var dir = RepoPaths.NewTempFolder();
        var csv = Path.Combine(dir, "faces.csv");
        var png = Path.Combine(dir, "faces.png");
        var (code, stdout, stderr) = CliRunner.InProcess(["landmarks", FaceMaterial.ThreeFaces(), "-o", csv, "--overlay", png, .. Models()]);
        Assert.True(code == 0, stderr);
        Assert.Contains("1 frame(s) fitted", stdout);
        var track = OpenFaceCsv.Read(csv, new FaceRequirements { Landmarks = true });
        Assert.True(Assert.Single(track.Frames).HasValidLandmarks(0.8));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);

        // --box fits in the given box: the points are those of the model in that box.
        var (code2, _, stderr2) = CliRunner.InProcess(["landmarks", FaceMaterial.ThreeFaces(), "-o", csv, "--box", "220,130,110,110", .. Models()]);
        Assert.True(code2 == 0, stderr2);
        var boxed = Assert.Single(OpenFaceCsv.Read(csv).Frames);
        var bounds = FaceBoxGeometry.Bounds(boxed.X, boxed.Y);
        Assert.InRange(bounds.CentreX(), 240, 310);
        Assert.Equal(1.0, boxed.Confidence);
    }

    [SkippableFact]
    public void LandmarksOnAVideoWritesAnMp4OverlayAndBadInputIsNamed()
    {
        var dir = RepoPaths.NewTempFolder();
        var clip = FranckClips.Cut(Path.Combine(dir, "clip.flv"), 100, 1);
        var csv = Path.Combine(dir, "clip.csv");
        var mp4 = Path.Combine(dir, "clip.mp4");
        var (code, stdout, stderr) = CliRunner.InProcess(["landmarks", clip, "-o", csv, "--overlay", mp4, "--every", "2", .. Models()]);
        Assert.True(code == 0, stderr);
        Assert.Equal(FfprobeFrames.VideoFrameTimes(mp4).Length, FfprobeFrames.VideoFrameTimes(clip).Length);
        Assert.Equal((FfprobeFrames.VideoFrameTimes(clip).Length + 1) / 2, OpenFaceCsv.Read(csv).Frames.Count);
        Assert.Empty(Directory.GetFiles(dir, ".*"));

        var text = Path.Combine(dir, "notes.mp4");
        File.WriteAllText(text, "not a video");
        (code, _, stderr) = CliRunner.InProcess(["landmarks", text, "-o", csv, .. Models()]);
        Assert.Equal(1, code);
        Assert.Contains(text, stderr);

        (code, _, stderr) = CliRunner.InProcess(["landmarks", clip, "-o", csv, "--model", Path.Combine(dir, "none.dat")]);
        Assert.Equal(1, code);
        Assert.Contains("libdlib-data", stderr);
    }

    /// <summary>A manifest of franck clips (ids clip0..), plus optionally a face-less and a broken video.</summary>
    private static string Corpus(string dir, int clips, bool withBad)
    {
        Directory.CreateDirectory(dir);
        var items = new List<Utterance>();
        for (int i = 0; i < clips; i++)
        {
            FranckClips.Cut(Path.Combine(dir, $"clip{i}.mp4"), 10 + 7 * i, 1.5);
            items.Add(new Utterance($"clip{i}", $"clip{i}.mp4", $"s{i % 2}", "NEU"));
        }
        if (withBad)
        {
            FfmpegCli.Run("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1", "-pix_fmt", "yuv420p", "-c:v", "libx264", Path.Combine(dir, "pattern.mp4"));
            items.Add(new Utterance("pattern", "pattern.mp4", "s0", "NEU"));
            File.WriteAllText(Path.Combine(dir, "broken.mp4"), "garbage");
            items.Add(new Utterance("broken", "broken.mp4", "s1", "NEU"));
        }
        var path = Path.Combine(dir, "manifest.csv");
        new Manifest(dir, items).Save(path, ManifestFormat.SerKitCsv);
        return path;
    }

    [SkippableFact]
    public void FacesReportsBadVideosGoesOnAndShardsAddUp()
    {
        var dir = RepoPaths.NewTempFolder();
        var manifest = Corpus(Path.Combine(dir, "corpus"), 3, withBad: true);
        var all = Path.Combine(dir, "all");
        var (code, stdout, stderr) = CliRunner.Run(["faces", "--manifest", manifest, "-o", all, "-j", "2", .. Models()]);
        Assert.Equal(1, code);
        Assert.Contains("tracked 3, already done 0, failed 2 of 5", stdout);
        Assert.Contains("no face found", stderr);
        Assert.Contains("broken.mp4", stderr);
        Assert.Contains("[faces]", stderr);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(all, "failures.csv")).Length); // header + 2
        Assert.Equal(3, Directory.GetFiles(all, "clip*.csv").Length);

        (code, stdout, _) = CliRunner.Run(["faces", "--manifest", manifest, "-o", all, .. Models()]);
        Assert.Contains("tracked 0, already done 3, failed 2 of 5", stdout);

        var sharded = Path.Combine(dir, "sharded");
        foreach (var k in new[] { "1/2", "2/2" })
            CliRunner.Run(["faces", "--manifest", manifest, "-o", sharded, "--shard", k, "-j", "1", .. Models()]);
        foreach (var f in Directory.GetFiles(all, "clip*.csv"))
            Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(sharded, Path.GetFileName(f))));
        Assert.Equal(File.ReadAllBytes(Path.Combine(all, "failures.csv")), File.ReadAllBytes(Path.Combine(sharded, "failures.csv")));
    }

    [SkippableFact]
    public void KilledFacesRunResumesWithoutRecomputing()
    {
        var dir = RepoPaths.NewTempFolder();
        var manifest = Corpus(Path.Combine(dir, "corpus"), 8, withBad: false);
        var outDir = Path.Combine(dir, "out");
        string[] args = ["faces", "--manifest", manifest, "-o", outDir, "-j", "1", .. Models()];
        using (var first = CliRunner.Start(args))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while ((!Directory.Exists(outDir) || Directory.GetFiles(outDir, "*.csv").Length < 2) && !first.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(5);
            Assert.False(first.HasExited, "the run finished before it could be killed");
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }
        var before = Directory.GetFiles(outDir, "*.csv").ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.InRange(before.Count, 2, 7);
        foreach (var f in before.Keys) OpenFaceCsv.Read(f, new FaceRequirements { Landmarks = true }); // whole files only

        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.True(code == 0, stderr);
        Assert.Contains($"already done {before.Count}, failed 0 of 8", stdout);
        foreach (var (f, stamp) in before) Assert.Equal(stamp, File.GetLastWriteTimeUtc(f));
        Assert.Equal(8, Directory.GetFiles(outDir, "*.csv").Length);
        Assert.Empty(Directory.GetFiles(outDir, "*.partial"));
    }
}
