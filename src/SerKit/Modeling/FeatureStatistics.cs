namespace SerKit.Modeling;

/// <summary>
/// Accumulates per-dimension sums over frames (in double precision, in the order utterances are
/// added) and yields a <see cref="FeatureNormalization"/>. Memory is one vector per dimension,
/// whatever the corpus size.
/// </summary>
public sealed class FeatureStatistics(int dim)
{
    private readonly double[] _sum = new double[dim];
    private readonly double[] _sumSquares = new double[dim];
    private long _frames;
    private int _utterances;
    private int _maxFrames;

    /// <summary>Adds one utterance's row-major [frames, dim] features.</summary>
    public void Add(ReadOnlySpan<float> features)
    {
        if (features.Length % dim != 0) throw new ArgumentException($"{features.Length} values is not a whole number of {dim}-dimensional frames");
        for (int i = 0; i < features.Length; i += dim)
        {
            for (int d = 0; d < dim; d++)
            {
                double v = features[i + d];
                _sum[d] += v;
                _sumSquares[d] += v * v;
            }
        }
        _frames += features.Length / dim;
        _maxFrames = Math.Max(_maxFrames, features.Length / dim);
        _utterances++;
    }

    /// <summary>Mean and (population) standard deviation of every dimension; throws when nothing was added.</summary>
    public FeatureNormalization Result(string feature = "logmel")
    {
        if (_frames == 0) throw new InvalidOperationException("no frames to compute normalisation statistics from");
        var mean = new float[dim];
        var std = new float[dim];
        for (int d = 0; d < dim; d++)
        {
            double m = _sum[d] / _frames;
            double variance = Math.Max(0, _sumSquares[d] / _frames - m * m);
            mean[d] = (float)m;
            std[d] = Math.Max(FeatureNormalization.StdFloor, (float)Math.Sqrt(variance));
        }
        return new FeatureNormalization(mean, std) { Frames = _frames, MaxFrames = _maxFrames, Utterances = _utterances, Feature = feature };
    }
}
