using System.CommandLine;
using SerKit.Cli.Commands;
using SerKit.IO;
using SerKit.Media;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Audio;

public class FeaturesCommandTests : IDisposable
{
    private readonly string _folder = RepoPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Output, string Error) Invoke(params string[] args) => CliRunner.InProcess(args);

    [Theory]
    [InlineData("logmel", 64)]
    [InlineData("mfcc", 13)]
    [InlineData("energy", 1)]
    [InlineData("f0", 2)]
    public void WritesANpyOfFramesByDimensions(string kind, int dims)
    {
        var wav = Path.Combine(_folder, "voice.wav");
        WavFile.Write(wav, TestSignals.GlottalPulses(150, 24000), 16000);
        var npy = Path.Combine(_folder, "out", $"voice.{kind}.npy");
        var (code, output, error) = Invoke("features", wav, "-o", npy, "--kind", kind);
        Assert.True(code == 0, error);
        Assert.Contains($"[151, {dims}]", output);
        var array = NpyArray.Read(npy);
        Assert.Equal(new long[] { 151, dims }, array.Shape);
        Assert.All(array.Data, v => Assert.True(float.IsFinite(v)));
        if (kind == "f0")
        {
            var f0 = Enumerable.Range(5, 140).Select(t => array.Data[2 * t]).ToArray();
            Assert.All(f0, v => Assert.InRange(v, 147, 153));
        }
    }

    [Fact]
    public void MelBandsOptionSetsTheWidth()
    {
        var wav = Path.Combine(_folder, "tone.wav");
        WavFile.Write(wav, TestSignals.Sine(440, 0.3, 8000), 16000);
        var npy = Path.Combine(_folder, "tone.npy");
        Assert.Equal(0, Invoke("features", wav, "-o", npy, "--mels", "80").Code);
        Assert.Equal(new long[] { 51, 80 }, NpyArray.Read(npy).Shape);
    }

    [Fact]
    public void TooShortInputFailsNamingTheFileAndLeavesNoOutput()
    {
        var wav = Path.Combine(_folder, "click.wav");
        WavFile.Write(wav, new float[100], 16000);
        var npy = Path.Combine(_folder, "click.npy");
        var (code, _, error) = Invoke("features", wav, "-o", npy);
        Assert.Equal(1, code);
        Assert.Contains(wav, error);
        Assert.Contains("too short", error);
        Assert.False(File.Exists(npy));
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        var wav = Path.Combine(_folder, "tone.wav");
        WavFile.Write(wav, TestSignals.Sine(440, 0.3, 8000), 16000);
        var (code, _, error) = Invoke("features", wav, "-o", Path.Combine(_folder, "x.npy"), "--mfcc", "100", "--kind", "mfcc");
        Assert.Equal(2, code);
        Assert.Contains("MFCC count", error);
        Assert.NotEqual(0, Invoke("features", wav, "-o", Path.Combine(_folder, "y.npy"), "--kind", "pitch").Code);
    }

    [Fact]
    public void UnwritableOutputIsReported()
    {
        var wav = Path.Combine(_folder, "tone.wav");
        WavFile.Write(wav, TestSignals.Sine(440, 0.3, 8000), 16000);
        var blocker = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(blocker, "a file where the output folder should be");
        var (code, _, error) = Invoke("features", wav, "-o", Path.Combine(blocker, "x.npy"));
        Assert.Equal(1, code);
        Assert.Contains("cannot write", error);
    }
}
