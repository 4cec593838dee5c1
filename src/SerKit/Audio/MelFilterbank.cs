namespace SerKit.Audio;

/// <summary>
/// Triangular mel filterbank with the HTK mel scale, built like torchaudio's
/// <c>melscale_fbanks(n_freqs, f_min, f_max, n_mels, sample_rate, norm=None, mel_scale="htk")</c>:
/// the <c>n_mels + 2</c> corner frequencies are equally spaced in HTK mel
/// (<c>2595·log10(1 + f/700)</c>) between <c>f_min</c> and <c>f_max</c>, and band <c>m</c> weights the
/// linear-frequency FFT bin centres <c>k·(sr/2)/(n_freqs − 1)</c> with the triangle rising from corner
/// <c>m</c> to <c>m+1</c> and falling to <c>m+2</c> (peak 1, no area normalisation).
/// </summary>
public sealed class MelFilterbank
{
    private MelFilterbank(int bins, int mels, float[] weights, int[] first, int[] count)
    {
        Bins = bins;
        Mels = mels;
        Weights = weights;
        FirstBin = first;
        BinCount = count;
    }

    /// <summary>Number of one-sided FFT bins (<c>n_fft/2 + 1</c>).</summary>
    public int Bins { get; }

    /// <summary>Number of mel bands.</summary>
    public int Mels { get; }

    /// <summary>Dense weights, row-major [<see cref="Bins"/>, <see cref="Mels"/>] (torchaudio's <c>fb</c> layout).</summary>
    public float[] Weights { get; }

    /// <summary>For each band, the first bin with a non-zero weight (0 when the band is empty).</summary>
    public int[] FirstBin { get; }

    /// <summary>For each band, how many consecutive bins carry its non-zero weights.</summary>
    public int[] BinCount { get; }

    /// <summary>HTK mel of a frequency in Hz.</summary>
    public static double HzToMel(double hz) => 2595.0 * Math.Log10(1.0 + hz / 700.0);

    /// <summary>Frequency in Hz of an HTK mel value.</summary>
    public static double MelToHz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);

    /// <summary>Builds the filterbank for an <paramref name="nFft"/>-point one-sided spectrum.</summary>
    public static MelFilterbank Create(int sampleRate, int nFft, int mels, double fMin, double fMax)
    {
        if (nFft < 2) throw new ArgumentOutOfRangeException(nameof(nFft));
        if (mels < 1) throw new ArgumentOutOfRangeException(nameof(mels));
        if (!(fMin >= 0 && fMax > fMin)) throw new ArgumentException($"need 0 <= f_min < f_max (got {fMin}, {fMax})");
        int bins = nFft / 2 + 1;
        // Bin centres: linspace(0, sr // 2, bins), as torchaudio (integer Nyquist).
        var binHz = new double[bins];
        double nyquist = sampleRate / 2;
        for (int k = 0; k < bins; k++) binHz[k] = bins == 1 ? 0 : nyquist * k / (bins - 1);
        double melMin = HzToMel(fMin), melMax = HzToMel(fMax);
        var corner = new double[mels + 2];
        for (int i = 0; i < corner.Length; i++) corner[i] = MelToHz(melMin + (melMax - melMin) * i / (mels + 1));
        var weights = new float[bins * mels];
        var first = new int[mels];
        var count = new int[mels];
        for (int m = 0; m < mels; m++)
        {
            double lower = corner[m], centre = corner[m + 1], upper = corner[m + 2];
            int lo = -1, hi = -1;
            for (int k = 0; k < bins; k++)
            {
                double down = (binHz[k] - lower) / (centre - lower);
                double up = (upper - binHz[k]) / (upper - centre);
                double w = Math.Max(0.0, Math.Min(down, up));
                weights[k * mels + m] = (float)w;
                if (w > 0)
                {
                    if (lo < 0) lo = k;
                    hi = k;
                }
            }
            first[m] = lo < 0 ? 0 : lo;
            count[m] = lo < 0 ? 0 : hi - lo + 1;
        }
        return new MelFilterbank(bins, mels, weights, first, count);
    }
}
