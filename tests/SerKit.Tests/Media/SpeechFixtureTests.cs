using System.Buffers.Binary;
using SerKit.Media;
using SerKit.Tests.Fixtures;
using Xunit.Abstractions;

namespace SerKit.Tests.Media;

/// <summary>Real recorded speech from Debian packages fetched at test time.</summary>
public sealed class SpeechFixtureTests(ITestOutputHelper output)
{
    private static string Librivox()
    {
        var root = FixtureCache.DebianPackage("pocketsphinx-testdata");
        var dir = Path.Combine(root, "usr/share/pocketsphinx/test/data/librivox");
        FixtureCache.RequireFile(Path.Combine(dir, "transcription"), "pocketsphinx-testdata librivox transcription");
        return dir;
    }

    private static string Codec2()
    {
        var root = FixtureCache.DebianPackage("codec2-examples");
        var dir = Path.Combine(root, "usr/share/codec2");
        FixtureCache.RequireFile(Path.Combine(dir, "raw/hts1a.raw"), "codec2-examples raw/hts1a.raw");
        return dir;
    }

    private static float[] RawS16(string path)
    {
        var b = File.ReadAllBytes(path);
        var x = new float[b.Length / 2];
        for (int i = 0; i < x.Length; i++) x[i] = BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(2 * i)) / 32768f;
        return x;
    }

    [SkippableFact]
    public void Librivox_read_speech_decodes_with_lengths_that_fit_the_transcripts()
    {
        var dir = Librivox();
        var words = File.ReadAllLines(Path.Combine(dir, "transcription"))
            .Where(l => l.Contains('('))
            .ToDictionary(l => l[(l.LastIndexOf('(') + 1)..l.LastIndexOf(')')],
                          l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => !w.StartsWith('<') && !w.StartsWith('(')));
        var files = Directory.GetFiles(dir, "*.wav").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.Equal(5, files.Length);
        foreach (var file in files)
        {
            var y = AudioDecoder.ReadAll(file);
            Assert.Equal((new FileInfo(file).Length - 44) / 2, y.Length);   // 16-bit mono, 44-byte header
            double seconds = y.Length / 16000.0;
            double rms = Signals.Rms(y);
            double wordsPerSecond = words[Path.GetFileNameWithoutExtension(file)] / seconds;
            output.WriteLine($"{Path.GetFileName(file)}: {seconds:F2} s, RMS {rms:F4}, {wordsPerSecond:F2} words/s");
            Assert.InRange(seconds, 1, 30);
            Assert.InRange(rms, 0.003, 0.5);
            Assert.InRange(wordsPerSecond, 1.0, 5.0);    // read speech runs at 2-3 words a second
            Assert.All(y, v => Assert.InRange(v, -1f, 1f));
        }
    }

    [SkippableFact]
    public void Ffmpeg_and_in_process_decoding_agree_on_real_speech()
    {
        FfmpegCli.Require();
        var file = Directory.GetFiles(Librivox(), "*0880.wav").Single();
        using var viaFfmpeg = new FfmpegAudioStream(file);
        var a = AudioDecoder.ReadAll(file);
        var b = new float[a.Length + 10];
        int n = 0, got;
        while ((got = viaFfmpeg.Read(b.AsSpan(n))) > 0) n += got;
        Assert.Equal(a.Length, n);
        Assert.True(Signals.MaxAbsDiff(a, b.AsSpan(0, n)) < 1e-4);
    }

    [SkippableFact]
    public void Codec2_8kHz_wav_matches_its_raw_twin_and_upsamples_to_twice_the_length()
    {
        var dir = Codec2();
        foreach (var name in new[] { "hts1a", "hts2a", "mmt1", "vk5qi" })
        {
            var wav = Path.Combine(dir, "wav", name + ".wav");
            var raw = RawS16(Path.Combine(dir, "raw", name + ".raw"));
            var at8k = AudioDecoder.ReadAll(wav, 8000);
            Assert.Equal(raw, at8k);

            var at16k = AudioDecoder.ReadAll(wav);
            Assert.Equal(2 * at8k.Length, at16k.Length);
            // Upsampling keeps the speech energy (nearly all of it lies below the 3.6 kHz passband edge)
            // and puts the original samples back at the even positions.
            double ratio = Signals.Rms(at16k) / Signals.Rms(at8k);
            double evenErr = 0;
            for (int i = 0; i < at8k.Length; i++) evenErr = Math.Max(evenErr, Math.Abs(at16k[2 * i] - at8k[i]));
            output.WriteLine($"{name}: {at8k.Length / 8000.0:F2} s, RMS ratio 16k/8k {ratio:F4}, max |y[2i] - x[i]| {evenErr:F4}");
            Assert.InRange(ratio, 0.97, 1.01);
            Assert.True(evenErr < 0.05, $"even samples differ by {evenErr}");
        }
    }

    [SkippableFact]
    public void Codec2_mu_law_wav_goes_through_ffmpeg_and_matches_its_linear_twin()
    {
        FfmpegCli.Require();
        var dir = Codec2();
        var wav = Path.Combine(dir, "wav", "cross.wav");
        Assert.Null(WavReader.TryOpen(wav));   // G.711 µ-law: not read in-process
        var raw = RawS16(Path.Combine(dir, "raw", "cross.raw"));
        var y = AudioDecoder.ReadAll(wav, 8000);
        Assert.Equal(raw.Length, y.Length);
        // The raw twin holds the µ-law values expanded to 16-bit linear PCM, so ffmpeg's expansion matches it.
        double diff = Signals.MaxAbsDiff(raw, y);
        output.WriteLine($"cross.wav µ-law via ffmpeg vs cross.raw: max abs diff {diff:E2}");
        Assert.True(diff < 1e-4, $"max abs diff {diff}");
        Assert.Equal(2 * raw.Length, AudioDecoder.ReadAll(wav).Length);
    }
}
