using SerKit.Media;
using SerKit.Tests.Fixtures;
using Xunit.Abstractions;

namespace SerKit.Tests.Media;

public sealed class ResamplerTests(ITestOutputHelper output)
{
    private static float[] Resample(float[] x, int inRate, int outRate, int pushSize = int.MaxValue, int pullSize = 4096)
    {
        var r = new Resampler(inRate, outRate);
        var y = new List<float>();
        var buf = new float[pullSize];
        void Drain()
        {
            int n;
            while ((n = r.Pull(buf)) > 0) y.AddRange(buf.AsSpan(0, n).ToArray());
        }
        for (int i = 0; i < x.Length; i += pushSize)
        {
            r.Push(x.AsSpan(i, Math.Min(pushSize, x.Length - i)));
            Drain();
        }
        r.Complete();
        Drain();
        Assert.True(r.IsFinished);
        return y.ToArray();
    }

    /// <summary>The middle of a signal, away from the edges where the zero padding shows.</summary>
    private static float[] Middle(float[] y, int rate, double edgeSeconds = 0.05) =>
        y[(int)(edgeSeconds * rate)..(y.Length - (int)(edgeSeconds * rate))];

    [Theory]
    [InlineData(7919)]      // prime: L = 16000 phases
    [InlineData(8000)]
    [InlineData(11025)]
    [InlineData(37800)]
    [InlineData(22050)]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(96000)]
    [InlineData(192000)]
    public void Sine_at_1kHz_keeps_frequency_amplitude_phase_and_length(int rate)
    {
        int n = (int)(rate * 1.37) + 3;
        var x = Signals.Sine(1000, rate, n, amplitude: 0.5);
        var y = Resample(x, rate, 16000);

        Assert.InRange(y.Length, Math.Round(n * 16000.0 / rate) - 1, Math.Round(n * 16000.0 / rate) + 1);
        var mid = Middle(y, 16000);
        Assert.Equal(1000, Signals.DominantFrequency(mid, 16000), 0);
        Assert.InRange(Signals.ZeroCrossingRate(mid, 16000), 995, 1005);
        double amplitude = Signals.ToneAmplitude(mid, 1000, 16000);
        Assert.InRange(amplitude, 0.5 * 0.99, 0.5 * 1.01);

        // No delay: output sample k is the input's sine at time k/16000.
        double maxErr = 0;
        int skip = (int)(0.05 * 16000);
        for (int k = skip; k < y.Length - skip; k++)
            maxErr = Math.Max(maxErr, Math.Abs(y[k] - 0.5 * Math.Sin(2 * Math.PI * 1000 * k / 16000.0)));
        output.WriteLine($"{rate} Hz -> 16 kHz: {y.Length} samples, amplitude {amplitude:F6}, max error vs ideal {maxErr:E2}");
        Assert.True(maxErr < 1e-3, $"max error {maxErr}");
    }

    [Fact]
    public void Tone_at_12kHz_in_48kHz_is_attenuated_60dB_when_resampled_to_16kHz()
    {
        var x = Signals.Sine(12000, 48000, 48000, amplitude: 0.5);
        var y = Middle(Resample(x, 48000, 16000), 16000);
        double db = 20 * Math.Log10(Signals.Rms(y) / (0.5 / Math.Sqrt(2)));
        output.WriteLine($"12 kHz at 48 kHz -> 16 kHz: {db:F1} dB");
        Assert.True(db <= -60, $"only {db:F1} dB");
    }

    [Theory]
    [InlineData(22050)]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(96000)]
    [InlineData(192000)]
    public void Every_tone_above_the_new_Nyquist_is_attenuated_60dB(int rate)
    {
        double worst = double.NegativeInfinity, worstHz = 0;
        // From the stopband edge (8 kHz) to just below the input Nyquist frequency.
        foreach (double hz in Enumerable.Range(0, 40).Select(i => 8001 + (rate / 2.0 - 8001 - 50) * i / 39))
        {
            var x = Signals.Sine(hz, rate, rate / 4, amplitude: 0.5, phase: 0.7);
            var y = Middle(Resample(x, rate, 16000), 16000, 0.03);
            double db = 20 * Math.Log10(Signals.Rms(y) / (0.5 / Math.Sqrt(2)));
            if (db > worst) (worst, worstHz) = (db, hz);
        }
        output.WriteLine($"{rate} Hz -> 16 kHz: worst stopband level {worst:F1} dB at {worstHz:F0} Hz");
        Assert.True(worst <= -60, $"{worst:F1} dB at {worstHz:F0} Hz");
    }

    [Fact]
    public void Upsampling_8kHz_suppresses_images_60dB()
    {
        // A 3.5 kHz tone at 8 kHz has its first image at 8 - 3.5 = 4.5 kHz after upsampling.
        var x = Signals.Sine(3500, 8000, 8000, amplitude: 0.5);
        var y = Middle(Resample(x, 8000, 16000), 16000);
        double tone = Signals.ToneAmplitude(y, 3500, 16000);
        double image = Signals.ToneAmplitude(y, 4500, 16000);
        double db = 20 * Math.Log10(image / 0.5);
        output.WriteLine($"8 kHz -> 16 kHz: 3.5 kHz tone {tone:F5}, image at 4.5 kHz {db:F1} dB");
        Assert.InRange(tone, 0.495, 0.505);
        Assert.True(db <= -60, $"image only {db:F1} dB down");
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    public void Passband_is_flat_to_7_2kHz(int rate)
    {
        double worst = 0;
        foreach (double hz in new[] { 100.0, 500, 2000, 4000, 6000, 7000, 7200 })
        {
            var x = Signals.Sine(hz, rate, rate / 2, amplitude: 0.5);
            var y = Middle(Resample(x, rate, 16000), 16000);
            double db = 20 * Math.Log10(Signals.ToneAmplitude(y, hz, 16000) / 0.5);
            worst = Math.Max(worst, Math.Abs(db));
        }
        output.WriteLine($"{rate} Hz -> 16 kHz: passband deviation up to 7.2 kHz {worst:F4} dB");
        Assert.True(worst < 0.05, $"passband deviates {worst:F4} dB");
    }

    [Theory]
    [InlineData(44100, 1, 1)]
    [InlineData(44100, 7, 13)]
    [InlineData(48000, 4099, 3)]
    [InlineData(8000, 333, 17)]
    [InlineData(22050, 1, 10000)]
    public void Odd_sized_pushes_and_pulls_give_bit_identical_output(int rate, int pushSize, int pullSize)
    {
        var rng = new Random(7);
        var x = Enumerable.Range(0, rate / 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var whole = Resample(x, rate, 16000);
        var pieces = Resample(x, rate, 16000, pushSize, pullSize);
        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void Equal_rates_copy_samples_unchanged()
    {
        var rng = new Random(3);
        var x = Enumerable.Range(0, 10001).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        Assert.Equal(x, Resample(x, 16000, 16000, pushSize: 999));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(441)]
    [InlineData(100003)]
    public void Length_is_ceil_of_n_times_ratio(int n)
    {
        var y = Resample(new float[n], 44100, 16000);
        Assert.Equal((long)Math.Ceiling(n * 16000.0 / 44100), y.Length);
    }

    [Fact]
    public void Ratio_is_reduced_by_gcd()
    {
        var r = new Resampler(44100, 16000);
        Assert.Equal((160, 441), (r.Up, r.Down));
        var s = new Resampler(192000, 16000);
        Assert.Equal((1, 12), (s.Up, s.Down));
    }

    [Fact]
    public void Wav_at_44_1kHz_streams_identically_in_odd_reads()
    {
        var dir = RepoPaths.NewTempFolder("serkit-media");
        try
        {
            var path = Path.Combine(dir, "a.wav");
            WavFile.Write(path, Signals.Sine(440, 44100, 44100 * 2 + 17), 44100, WavSampleFormat.Pcm24);
            var all = AudioDecoder.ReadAll(path);
            Assert.Equal(Math.Ceiling((44100 * 2 + 17) * 16000.0 / 44100), all.Length);
            foreach (int size in new[] { 1, 3, 17, 4099 })
            {
                using var s = AudioDecoder.Open(path);
                Assert.Equal(16000, s.SampleRate);
                var got = new List<float>();
                var buf = new float[size];
                int n;
                while ((n = s.Read(buf)) > 0) got.AddRange(buf.AsSpan(0, n).ToArray());
                Assert.Equal(all, got.ToArray());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
