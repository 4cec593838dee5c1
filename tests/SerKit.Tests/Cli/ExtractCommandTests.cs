using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.IO;
using SerKit.Media;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Cli;

public class ExtractCommandTests
{
    /// <summary>A manifest of <paramref name="count"/> tones of <paramref name="seconds"/> each.</summary>
    private static string ToneCorpus(string dir, int count, double seconds)
    {
        var items = new List<Utterance>();
        for (int i = 0; i < count; i++)
        {
            float f = 150 + 20 * i;
            var x = Enumerable.Range(0, (int)(seconds * 16000)).Select(n => 0.3f * MathF.Sin(2 * MathF.PI * f * n / 16000)).ToArray();
            WavFile.Write(Path.Combine(dir, $"tone{i:D3}.wav"), x, 16000);
            items.Add(new Utterance($"tone{i:D3}", $"tone{i:D3}.wav", $"s{i % 3}", i % 2 == 0 ? "NEU" : "ANG"));
        }
        var path = Path.Combine(dir, "manifest.csv");
        new Manifest(dir, items).Save(path, ManifestFormat.SerKitCsv);
        return path;
    }

    [Fact]
    public void KilledRunResumesWithoutRecomputingOrCorruptingAnything()
    {
        var dir = RepoPaths.NewTempFolder();
        var manifest = ToneCorpus(Path.Combine(dir, "corpus"), 40, 20);
        var outDir = Path.Combine(dir, "out");
        string[] args = { "extract", "--manifest", manifest, "-o", outDir, "--kind", "logmel,mfcc,energy,f0", "-j", "1" };

        using (var first = CliRunner.Start(args))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (Count(outDir) < 6 && !first.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(5);
            Assert.False(first.HasExited, "the run finished before it could be killed; make the corpus longer");
            first.Kill(entireProcessTree: true); // SIGKILL
            first.WaitForExit();
        }
        var before = Directory.GetFiles(outDir, "*.npy", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => (File.GetLastWriteTimeUtc(f), new FileInfo(f).Length));
        Assert.InRange(before.Count, 1, 159);

        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.True(code == 0, stderr);
        Assert.Contains("failed 0 of 40", stdout);
        foreach (var (file, (stamp, length)) in before)
        {
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(file));
            Assert.Equal(length, new FileInfo(file).Length);
        }
        Assert.Equal(160, Count(outDir));
        Assert.Empty(Directory.GetFiles(outDir, "*.partial", SearchOption.AllDirectories));

        // Every file, including those finished before the kill, equals a clean run's.
        var clean = Path.Combine(dir, "clean");
        var (code2, _, stderr2) = CliRunner.Run("extract", "--manifest", manifest, "-o", clean, "--kind", "logmel,mfcc,energy,f0");
        Assert.True(code2 == 0, stderr2);
        foreach (var f in Directory.GetFiles(clean, "*.npy", SearchOption.AllDirectories))
            Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(outDir, Path.GetRelativePath(clean, f))));
        Assert.Equal(File.ReadAllText(Path.Combine(clean, "index.csv")), File.ReadAllText(Path.Combine(outDir, "index.csv")));
    }

    [Fact]
    public void ProgressComesAsPlainLinesAndFailuresSetTheExitCode()
    {
        var dir = RepoPaths.NewTempFolder();
        var corpus = Path.Combine(dir, "corpus");
        var manifest = ToneCorpus(corpus, 3, 1);
        File.AppendAllText(manifest, "gone,gone.wav,s0,NEU\n");
        var outDir = Path.Combine(dir, "out");

        var (code, stdout, stderr) = CliRunner.Run("extract", "--manifest", manifest, "-o", outDir, "--kind", "energy");

        Assert.Equal(1, code);
        Assert.Contains("[extract]", stderr);
        Assert.Contains("100.0%", stderr);
        Assert.Contains(Path.Combine(corpus, "gone.wav"), stderr);
        Assert.Contains("extracted 3, already done 0, failed 1 of 4", stdout);
        Assert.Equal(3, FeatureIndex.Read(Path.Combine(outDir, "index.csv")).Count);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(outDir, "failures.csv")).Length);
    }

    [Fact]
    public void EveryCommandHasHelp()
    {
        var commands = SerKit.Cli.CliApp.BuildRoot().Subcommands.Select(c => c.Name).ToList();
        Assert.Contains("extract", commands);
        foreach (var command in commands)
        {
            var (code, stdout, _) = CliRunner.InProcess(command, "--help");
            Assert.Equal(0, code);
            Assert.Contains($"serkit {command} ", stdout);
            Assert.Contains("[options]", stdout);
        }
    }

    private static int Count(string dir) => Directory.Exists(dir) ? Directory.GetFiles(dir, "*.npy", SearchOption.AllDirectories).Length : 0;
}
