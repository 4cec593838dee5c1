using System.Buffers.Binary;
using SerKit.Media;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Media;

/// <summary>Every failure is a <see cref="MediaException"/> naming the file and the problem.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempFolder("serkit-media");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MediaException Fails(string path, string problem)
    {
        var e = Assert.Throws<MediaException>(() => AudioDecoder.ReadAll(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(problem, e.Problem);
        return e;
    }

    [Fact]
    public void Missing_file() => Fails(Path.Combine(_dir, "nope.wav"), "file not found");

    [Fact]
    public void Empty_file()
    {
        var path = Path.Combine(_dir, "empty.flac");
        File.WriteAllBytes(path, []);
        Fails(path, "empty file (0 bytes)");
    }

    [Fact]
    public void Folder() => Fails(_dir, "is a folder");

    [SkippableFact]
    public void Text_file_renamed_to_wav()
    {
        FfmpegCli.Require();
        var path = Path.Combine(_dir, "notes.wav");
        File.WriteAllText(path, "These are meeting notes, not audio.\n");
        Fails(path, "ffmpeg cannot decode it");
    }

    [SkippableFact]
    public void Mp3_of_garbage_bytes()
    {
        FfmpegCli.Require();
        var path = Path.Combine(_dir, "noise.mp3");
        var garbage = new byte[20000];
        new Random(11).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);
        Fails(path, "ffmpeg cannot decode it");
    }

    [Fact]
    public void Truncated_wav_reports_declared_and_present_bytes()
    {
        var path = Path.Combine(_dir, "cut.wav");
        WavFile.Write(path, new float[1000], 16000);   // 2000 bytes of audio after a 44-byte header
        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(44 + 1234);
        var e = Fails(path, "truncated: header declares 2000 bytes of audio, file holds 1234");
        Assert.Equal(path, e.Path);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Float_wav_with_nan_or_inf_names_the_sample(float bad)
    {
        var path = Path.Combine(_dir, "nan.wav");
        WavFile.Write(path, new float[10000], 16000, WavSampleFormat.Float32);
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(44 + 4 * 6543), bad);
        File.WriteAllBytes(path, bytes);
        Fails(path, "contains NaN/Inf samples at sample 6543");
        // also when resampled
        var e = Assert.Throws<MediaException>(() => AudioDecoder.ReadAll(path, 8000));
        Assert.Contains("NaN/Inf samples at sample 6543", e.Message);
    }

    [Fact]
    public void Writer_refuses_nan_and_bad_rates()
    {
        var path = Path.Combine(_dir, "w.wav");
        Assert.Throws<ArgumentException>(() => WavFile.Write(path, [0f, float.NaN], 16000));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavFile.Write(path, [0f], 0));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_dir));   // no temporary file left behind
    }

    [Fact]
    public void Bad_output_rate_is_an_argument_error()
    {
        var path = Path.Combine(_dir, "ok.wav");
        WavFile.Write(path, new float[10], 16000);
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioDecoder.Open(path, 0));
    }
}
