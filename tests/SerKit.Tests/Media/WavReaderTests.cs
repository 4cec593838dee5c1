using SerKit.Media;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Media;

public sealed class WavReaderTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempFolder("serkit-media");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Save(byte[] bytes, string name = "t.wav")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private float[] Read(byte[] bytes, int rate) => AudioDecoder.ReadAll(Save(bytes), rate);

    [Fact]
    public void Stereo_16bit_is_down_mixed_to_the_mean_of_the_channels()
    {
        short[] interleaved = [1000, -3000, 32767, 32767, -32768, 0, 7, 8];
        var bytes = new WavBytes().Fmt(1, 2, 16000, 16).Chunk("data", WavBytes.Int16(interleaved)).Build();
        var y = Read(bytes, 16000);
        Assert.Equal([-1000 / 32768f, 32767 / 32768f, -16384 / 32768f, 7.5f / 32768f], y);
    }

    [Fact]
    public void Chunks_before_fmt_and_data_are_skipped_including_odd_sized_ones()
    {
        var bytes = new WavBytes()
            .Chunk("JUNK", new byte[28])
            .Fmt(1, 1, 16000, 16)
            .Chunk("LIST", "INFOISFT\x05\0\0\0abcd\0"u8.ToArray())      // 17 bytes: padded to 18
            .Chunk("fact", WavBytes.Int32(3))
            .Chunk("data", WavBytes.Int16(100, -200, 300))
            .Chunk("cue ", new byte[4])
            .Build();
        Assert.Equal([100 / 32768f, -200 / 32768f, 300 / 32768f], Read(bytes, 16000));
    }

    [Fact]
    public void Extensible_24bit_three_channels()
    {
        int[] s = [8388607, -8388608, 3, /**/ 100, 200, 300];
        var bytes = new WavBytes().FmtExtensible(1, 3, 16000, 24, 24).Chunk("data", WavBytes.Int24(s)).Build();
        var y = Read(bytes, 16000);
        Assert.Equal(2, y.Length);
        Assert.Equal((8388607 - 8388608 + 3) / 3.0 / 8388608, y[0], 1e-9);
        Assert.Equal(200 / 8388608.0, y[1], 1e-9);
    }

    [Fact]
    public void Extensible_float_stereo()
    {
        var bytes = new WavBytes().FmtExtensible(3, 2, 16000, 32, 32).Chunk("data", WavBytes.Float32(0.5f, -0.25f, 1f, 1f)).Build();
        Assert.Equal([0.125f, 1f], Read(bytes, 16000));
    }

    [Fact]
    public void Unsigned_8bit_signed_32bit_and_double_precision_samples()
    {
        var u8 = new WavBytes().Fmt(1, 1, 16000, 8).Chunk("data", [0, 128, 255]).Build();
        Assert.Equal([-1f, 0f, 127 / 128f], Read(u8, 16000));

        var i32 = new WavBytes().Fmt(1, 1, 16000, 32).Chunk("data", WavBytes.Int32(int.MinValue, 1 << 30, -1 << 29)).Build();
        Assert.Equal([-1f, 0.5f, -0.25f], Read(i32, 16000));

        var f64 = new WavBytes().Fmt(3, 1, 16000, 64).Chunk("data", WavBytes.Float64(0.1, -0.75)).Build();
        Assert.Equal([0.1f, -0.75f], Read(f64, 16000));
    }

    [Fact]
    public void Unknown_data_size_reads_to_the_end_and_drops_a_partial_frame()
    {
        var bytes = new WavBytes().Fmt(1, 1, 16000, 16).Chunk("data", WavBytes.Int16(1, 2, 3)).Build(declaredDataSize: uint.MaxValue)
            .Append((byte)9).ToArray();   // 3 frames and a stray byte
        Assert.Equal([1 / 32768f, 2 / 32768f, 3 / 32768f], Read(bytes, 16000));
    }

    [Fact]
    public void Rf64_written_by_WavFile_reads_back()
    {
        var x = Signals.Sine(300, 16000, 4000);
        var path = Path.Combine(_dir, "rf64.wav");
        WavFile.Write(path, x, 16000, WavSampleFormat.Float32, forceRf64: true);
        Assert.Equal("RF64", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4));
        Assert.Equal(x, AudioDecoder.ReadAll(path));
    }

    [SkippableFact]
    public void Rf64_written_by_ffmpeg_is_read_in_process()
    {
        FfmpegCli.Require();
        var path = Path.Combine(_dir, "ff-rf64.wav");
        FfmpegCli.Run([.. FfmpegCli.Sine(1000, 16000, 1.0), "-c:a", "pcm_s16le", "-rf64", "always", path]);
        using var reader = WavReader.TryOpen(path);
        Assert.NotNull(reader);
        Assert.Equal(16000L, reader.TotalFrames);
        Assert.Equal(16000, AudioDecoder.ReadAll(path).Length);
    }

    [Fact]
    public void Compressed_wav_encodings_are_left_to_ffmpeg()
    {
        var adpcm = Save(new WavBytes().Fmt(2, 1, 8000, 4).Chunk("data", new byte[256]).Build(), "adpcm.wav");
        Assert.Null(WavReader.TryOpen(adpcm));
        var extAlaw = Save(new WavBytes().FmtExtensible(6, 1, 8000, 8, 8).Chunk("data", new byte[16]).Build(), "alaw.wav");
        Assert.Null(WavReader.TryOpen(extAlaw));
        Assert.Null(WavReader.TryOpen(Save("not a wav at all"u8.ToArray(), "text.wav")));
    }

    [Fact]
    public void Pass_through_at_the_files_own_rate_is_bit_exact()
    {
        var rng = new Random(5);
        var x = Enumerable.Range(0, 3000).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var path = Path.Combine(_dir, "r.wav");
        WavFile.Write(path, x, 22050, WavSampleFormat.Float32);
        using var s = AudioDecoder.Open(path, 22050);
        Assert.IsType<WavReader>(s);
        Assert.Equal(x, AudioDecoder.ReadAll(path, 22050));
        Assert.Equal((long)Math.Ceiling(3000 * 16000 / 22050.0), AudioDecoder.ReadAll(path).Length);
    }

    [Theory]
    [InlineData("channels0")]
    [InlineData("rate0")]
    [InlineData("nodata")]
    [InlineData("nofmt")]
    [InlineData("cutfmt")]
    public void Damaged_headers_are_reported(string damage)
    {
        byte[] bytes = damage switch
        {
            "channels0" => new WavBytes().Fmt(1, 0, 16000, 16).Chunk("data", new byte[4]).Build(),
            "rate0" => new WavBytes().Fmt(1, 1, 0, 16).Chunk("data", new byte[4]).Build(),
            "nodata" => new WavBytes().Fmt(1, 1, 16000, 16).Chunk("LIST", new byte[4]).Build(),
            "nofmt" => new WavBytes().Chunk("data", new byte[4]).Build(),
            _ => new WavBytes().Fmt(1, 1, 16000, 16).Build()[..30],
        };
        var path = Save(bytes);
        var e = Assert.Throws<MediaException>(() => AudioDecoder.ReadAll(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Equal(path, e.Path);
    }
}
