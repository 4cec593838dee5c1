using SerKit.Audio;
using SerKit.Pretext;

namespace SerKit.Tests.Pretext;

public class SpeechEnergyTests
{
    private static readonly EnergyOptions Defaults = new();
    private static readonly IFeatureExtractor Energy = FeatureExtractors.Create(SpeechEnergy.FeatureOptionsFor(Defaults));

    private static EnergyMeasurement Measure(float[] samples, EnergyOptions? options = null) =>
        SpeechEnergy.Measure(samples, Energy, options ?? Defaults);

    [Theory]
    [InlineData(-6.0)]
    [InlineData(-23.0)]
    [InlineData(-45.5)]
    public void ASteadyToneMeasuresItsRmsLevel(double db)
    {
        var m = Measure(Tones.Make((1.0, db)));
        Assert.Equal(101, m.Frames);
        Assert.Equal(101, m.SpeechFrames);
        Assert.Equal(db, m.MeanDb!.Value, 2);
        Assert.True(m.StdDb < 0.02, $"std {m.StdDb}");
        Assert.Equal(Math.Max(db - 35, -60), m.ThresholdDb, 2); // the −60 dBFS floor binds for the quiet tone
    }

    [Fact]
    public void SilenceAndPartsFarBelowTheLoudestAreNotSpeech()
    {
        // 0.3 s silence, 1 s at −20 dBFS, 0.5 s at −60 dBFS (40 dB down), 0.3 s silence.
        var m = Measure(Tones.Make((0.3, null), (1.0, -20), (0.5, -60), (0.3, null)));
        Assert.Equal(211, m.Frames);
        Assert.InRange(m.SpeechFrames, 100, 103);       // the loud second plus its boundary frames
        Assert.Equal(-20, m.ReferenceDb, 1);
        Assert.Equal(-20, m.MeanDb!.Value, 0);
        Assert.InRange(m.MeanDb!.Value, -20.4, -19.99);  // boundary frames are a little quieter

        // A wider relative range takes in the −60 dB part.
        var wide = Measure(Tones.Make((0.3, null), (1.0, -20), (0.5, -60), (0.3, null)), Defaults with { RelativeDb = 45, FloorDb = -80 });
        Assert.InRange(wide.SpeechFrames, 150, 154);
    }

    [Fact]
    public void TheAbsoluteFloorRejectsAQuietRecordingAndNoSpeechMeansNoStatistic()
    {
        var quiet = Tones.Make((1.0, -70));
        var m = Measure(quiet);
        Assert.Equal(0, m.SpeechFrames);
        Assert.Null(m.MeanDb);
        Assert.Null(m.Statistic(EnergyStatistic.Variation));
        Assert.Equal(-70, Measure(quiet, Defaults with { FloorDb = -80 }).MeanDb!.Value, 2);
        Assert.Null(Measure(Tones.Make((1.0, null))).MeanDb);
        Assert.Null(Measure(Tones.Make((0.005, -20))).MeanDb); // shorter than one frame
        Assert.Null(Measure(Tones.Make((1.0, -20)), Defaults with { MinSpeechFrames = 102 }).MeanDb);
    }

    [Fact]
    public void VariationIsTheStandardDeviationOfSpeechFrameLevels()
    {
        // Alternating 200 ms at −20 and −30 dBFS: frame levels are two clusters 10 dB apart, std ≈ 5 dB.
        var segments = Enumerable.Range(0, 10).Select(i => (0.2, (double?)(i % 2 == 0 ? -20.0 : -30.0))).ToArray();
        var m = Measure(Tones.Make(segments));
        Assert.InRange(m.StdDb!.Value, 4.4, 5.0);
        Assert.Equal(-25, m.MeanDb!.Value, 0);
        Assert.Equal(m.StdDb, m.Statistic(EnergyStatistic.Variation));
        Assert.Equal(m.MeanDb, m.Statistic(EnergyStatistic.Mean));
    }

    [Fact]
    public void GoldenStatisticsFromFrameLevels()
    {
        float[] db = [-100, -100, -30, -20, -10, -25, -95];
        // P95 of the sorted levels [-100,-100,-95,-30,-25,-20,-10]: rank 0.95·6 = 5.7 → -20 + 0.7·10 = -13; threshold -48.
        var m = SpeechEnergy.Measure(db, Defaults);
        Assert.Equal(-13, m.ReferenceDb, 9);
        Assert.Equal(-48, m.ThresholdDb, 9);
        Assert.Equal(4, m.SpeechFrames);
        Assert.Equal(-21.25, m.MeanDb!.Value, 9);
        Assert.Equal(Math.Sqrt((76.5625 + 1.5625 + 126.5625 + 14.0625) / 4), m.StdDb!.Value, 9);
        Assert.Equal(2.5, SpeechEnergy.Percentile([1, 2, 3, 4], 50), 12);
        Assert.Equal(3.85, SpeechEnergy.Percentile([1, 2, 3, 4], 95), 12);
    }

    [Fact]
    public void ZScoresAreWithinGroupsAndTheMedianSplitIsBalanced()
    {
        (string, double?)[] items =
        [
            ("A", -10), ("A", -14), ("A", -18), ("A", -22),
            ("B", -30), ("B", -34), ("B", -38), ("B", -42),
            ("C", -5), ("D", null), ("E", -7), ("E", -7),
        ];
        var (z, labels, median) = EnergyLabels.Compute(items, minGroupSize: 2);
        double s = Math.Sqrt(20); // population std of {-10,-14,-18,-22}
        Assert.Equal(6 / s, z[0]!.Value, 9);
        Assert.Equal(-6 / s, z[7]!.Value, 9);
        Assert.Null(z[8]);                 // a group of one
        Assert.Null(z[9]);                 // no statistic
        Assert.Equal(0, z[10]!.Value);     // all equal
        Assert.Equal(0, median);
        Assert.Equal([1, 1, 0, 0, 1, 1, 0, 0, null, null, 1, 1], labels);
        // Without groups the loud speaker would take every high label.
        var corpus = EnergyLabels.Compute(items.Take(8).Select(i => ("all", i.Item2)).ToArray(), 2);
        Assert.Equal([1, 1, 1, 1, 0, 0, 0, 0], corpus.Labels);
        Assert.Equal(2.5, MedianSplit.Median([3, 1, 2, 10])!.Value, 12);
        Assert.Equal(2, MedianSplit.Median([3, 1, 2])!.Value, 12);
        Assert.Null(MedianSplit.Median([]));
    }
}
