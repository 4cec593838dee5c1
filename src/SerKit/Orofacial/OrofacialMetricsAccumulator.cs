using SerKit.Evaluation;

namespace SerKit.Orofacial;

/// <summary>Adds up predictions frame by frame and utterance by utterance (in double) and turns them into <see cref="OrofacialMetrics"/>.</summary>
public sealed class OrofacialMetricsAccumulator
{
    private const int O = OrofacialPoints.Outputs;
    private readonly float[] _baseline;
    private readonly double[] _sp = new double[O], _st = new double[O], _spp = new double[O], _stt = new double[O], _spt = new double[O], _se = new double[O], _seBase = new double[O];
    private double _op, _ot, _opp, _ott, _opt;
    private long _frames;
    private int _utterances;
    private readonly List<int> _emotionTruth = [], _emotionPredicted = [];
    private readonly IReadOnlyList<string>? _emotionClasses;
    private readonly long[]? _visemeCounts;
    private long _visemeFrames, _visemeCorrect;

    /// <summary>An accumulator whose baseline predicts <paramref name="baseline"/> (74 values) on every frame.</summary>
    public OrofacialMetricsAccumulator(float[] baseline, IReadOnlyList<string>? emotionClasses, int visemeClasses)
    {
        if (baseline.Length != O) throw new ArgumentException($"the baseline has {O} values");
        _baseline = baseline;
        _emotionClasses = emotionClasses;
        _visemeCounts = visemeClasses > 0 ? new long[visemeClasses] : null;
    }

    /// <summary>Adds one frame: predicted and true values (74 each).</summary>
    public void AddFrame(ReadOnlySpan<float> predicted, ReadOnlySpan<float> truth)
    {
        for (int j = 0; j < O; j++)
        {
            double p = predicted[j], t = truth[j], e = p - t, b = _baseline[j] - t;
            _sp[j] += p; _st[j] += t; _spp[j] += p * p; _stt[j] += t * t; _spt[j] += p * t;
            _se[j] += e * e; _seBase[j] += b * b;
        }
        double po = OrofacialPoints.MouthOpening(predicted), to = OrofacialPoints.MouthOpening(truth);
        _op += po; _ot += to; _opp += po * po; _ott += to * to; _opt += po * to;
        _frames++;
    }

    /// <summary>Counts a finished utterance.</summary>
    public void AddUtterance() => _utterances++;

    /// <summary>Adds an utterance's emotion (class indices).</summary>
    public void AddEmotion(int truth, int predicted)
    {
        _emotionTruth.Add(truth);
        _emotionPredicted.Add(predicted);
    }

    /// <summary>Adds a frame's viseme (class indices).</summary>
    public void AddViseme(int truth, int predicted)
    {
        _visemeFrames++;
        if (truth == predicted) _visemeCorrect++;
        if (_visemeCounts != null && truth >= 0 && truth < _visemeCounts.Length) _visemeCounts[truth]++;
    }

    /// <summary>The metrics of everything added.</summary>
    public OrofacialMetrics Result()
    {
        double Rmse(IEnumerable<int> coords, double[] se)
        {
            var c = coords.ToArray();
            return _frames == 0 ? double.NaN : Math.Sqrt(c.Sum(j => se[j]) / (_frames * (double)c.Length));
        }
        var all = Enumerable.Range(0, O).ToArray();
        var jaw = all.Where(j => OrofacialPoints.Predicted[j % OrofacialPoints.Count] <= 16).ToArray();
        var mouth = all.Except(jaw).ToArray();
        var rs = new List<double>();
        for (int j = 0; j < O; j++)
            if (Pearson(_frames, _sp[j], _st[j], _spp[j], _stt[j], _spt[j]) is double r) rs.Add(r);
        ClassificationMetrics? emotion = _emotionClasses != null && _emotionTruth.Count > 0
            ? ClassificationMetrics.Compute(_emotionTruth, _emotionPredicted, _emotionClasses) : null;
        return new OrofacialMetrics
        {
            Utterances = _utterances,
            Frames = _frames,
            Rmse = Rmse(all, _se),
            BaselineRmse = Rmse(all, _seBase),
            JawRmse = Rmse(jaw, _se),
            MouthRmse = Rmse(mouth, _se),
            MeanCorrelation = rs.Count > 0 ? rs.Average() : double.NaN,
            MouthOpeningCorrelation = Pearson(_frames, _op, _ot, _opp, _ott, _opt) ?? double.NaN,
            EmotionUtterances = _emotionTruth.Count,
            EmotionWa = emotion?.WA,
            EmotionUa = emotion?.UA,
            EmotionMacroF1 = emotion?.MacroF1,
            VisemeFrames = _visemeFrames,
            VisemeAccuracy = _visemeFrames > 0 ? _visemeCorrect / (double)_visemeFrames : null,
            VisemeMajorityAccuracy = _visemeFrames > 0 && _visemeCounts != null ? _visemeCounts.Max() / (double)_visemeFrames : null,
        };
    }

    private static double? Pearson(long n, double sp, double st, double spp, double stt, double spt)
    {
        if (n < 2) return null;
        double cov = spt - sp * st / n, vp = spp - sp * sp / n, vt = stt - st * st / n;
        if (!(vp > 1e-18 * n) || !(vt > 1e-18 * n)) return null;
        return cov / Math.Sqrt(vp * vt);
    }
}
