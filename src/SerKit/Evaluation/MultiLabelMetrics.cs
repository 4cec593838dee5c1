namespace SerKit.Evaluation;

/// <summary>
/// Multi-label classification metrics over utterances whose truth and prediction are sets of classes (fractions in [0, 1]).
/// Per class: precision, recall and F1 over the utterances (a class is a binary decision per utterance). Conventions as
/// <see cref="ClassificationMetrics"/> and scikit-learn: precision 0 for a class never predicted, recall 0 for a class never
/// true, F1 0 when both are 0; macro averages over the classes that occur in the truth or the predictions; micro figures
/// from the pooled counts. Samples F1 is the mean over utterances of the F1 of their two sets; subset accuracy the share of
/// utterances whose sets are equal.
/// </summary>
public sealed class MultiLabelMetrics
{
    private MultiLabelMetrics(IReadOnlyList<string> classes, int num, int[] tp, int[] support, int[] predicted, double samplesF1, double subsetAccuracy)
    {
        int k = classes.Count;
        Classes = classes;
        Num = num;
        TruePositives = tp;
        Support = support;
        PredictedCount = predicted;
        var precision = new double[k];
        var recall = new double[k];
        var f1 = new double[k];
        var inMacro = new bool[k];
        double sumP = 0, sumR = 0, sumF = 0;
        int macro = 0;
        for (int c = 0; c < k; c++)
        {
            precision[c] = predicted[c] > 0 ? (double)tp[c] / predicted[c] : 0;
            recall[c] = support[c] > 0 ? (double)tp[c] / support[c] : 0;
            f1[c] = precision[c] + recall[c] > 0 ? 2 * precision[c] * recall[c] / (precision[c] + recall[c]) : 0;
            inMacro[c] = support[c] > 0 || predicted[c] > 0;
            if (!inMacro[c]) continue;
            macro++;
            sumP += precision[c];
            sumR += recall[c];
            sumF += f1[c];
        }
        PerClassPrecision = precision;
        PerClassRecall = recall;
        PerClassF1 = f1;
        InMacroAverage = inMacro;
        MacroPrecision = macro > 0 ? sumP / macro : 0;
        MacroRecall = macro > 0 ? sumR / macro : 0;
        MacroF1 = macro > 0 ? sumF / macro : 0;
        long allTp = tp.Sum(), allPredicted = predicted.Sum(), allTruth = support.Sum();
        MicroPrecision = allPredicted > 0 ? (double)allTp / allPredicted : 0;
        MicroRecall = allTruth > 0 ? (double)allTp / allTruth : 0;
        MicroF1 = MicroPrecision + MicroRecall > 0 ? 2 * MicroPrecision * MicroRecall / (MicroPrecision + MicroRecall) : 0;
        SamplesF1 = samplesF1;
        SubsetAccuracy = subsetAccuracy;
    }

    /// <summary>Class names, index = class id.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Number of evaluated utterances.</summary>
    public int Num { get; }

    /// <summary>Per class: utterances where the class is both true and predicted.</summary>
    public IReadOnlyList<int> TruePositives { get; }

    /// <summary>Per class: utterances where the class is true.</summary>
    public IReadOnlyList<int> Support { get; }

    /// <summary>Per class: utterances where the class is predicted.</summary>
    public IReadOnlyList<int> PredictedCount { get; }

    /// <summary>Per-class precision.</summary>
    public IReadOnlyList<double> PerClassPrecision { get; }

    /// <summary>Per-class recall.</summary>
    public IReadOnlyList<double> PerClassRecall { get; }

    /// <summary>Per-class F1.</summary>
    public IReadOnlyList<double> PerClassF1 { get; }

    /// <summary>Whether each class is in the macro averages (true or predicted at least once).</summary>
    public IReadOnlyList<bool> InMacroAverage { get; }

    /// <summary>Mean per-class precision.</summary>
    public double MacroPrecision { get; }

    /// <summary>Mean per-class recall.</summary>
    public double MacroRecall { get; }

    /// <summary>Mean per-class F1.</summary>
    public double MacroF1 { get; }

    /// <summary>Precision of the pooled counts.</summary>
    public double MicroPrecision { get; }

    /// <summary>Recall of the pooled counts.</summary>
    public double MicroRecall { get; }

    /// <summary>F1 of the pooled counts.</summary>
    public double MicroF1 { get; }

    /// <summary>Mean over utterances of 2·|T ∩ P| / (|T| + |P|) (1 when both sets are empty).</summary>
    public double SamplesF1 { get; }

    /// <summary>Share of utterances whose predicted set equals the true set.</summary>
    public double SubsetAccuracy { get; }

    /// <summary>Metrics of <paramref name="predicted"/> against <paramref name="truth"/>, both [utterance][class].</summary>
    /// <exception cref="ArgumentException">No utterances, or a row whose length differs from the classes.</exception>
    public static MultiLabelMetrics Compute(IReadOnlyList<bool[]> truth, IReadOnlyList<bool[]> predicted, IReadOnlyList<string> classes)
    {
        if (truth.Count == 0) throw new ArgumentException("no utterances to evaluate", nameof(truth));
        if (truth.Count != predicted.Count) throw new ArgumentException($"{truth.Count} true sets but {predicted.Count} predicted sets");
        int k = classes.Count;
        var tp = new int[k];
        var support = new int[k];
        var count = new int[k];
        double samples = 0;
        int exact = 0;
        for (int n = 0; n < truth.Count; n++)
        {
            var t = truth[n];
            var p = predicted[n];
            if (t.Length != k || p.Length != k) throw new ArgumentException($"utterance {n}: sets must have one entry per class ({k})");
            int both = 0, sizeT = 0, sizeP = 0;
            for (int c = 0; c < k; c++)
            {
                if (t[c]) { support[c]++; sizeT++; }
                if (p[c]) { count[c]++; sizeP++; }
                if (t[c] && p[c]) { tp[c]++; both++; }
            }
            samples += sizeT + sizeP == 0 ? 1 : 2.0 * both / (sizeT + sizeP);
            if (both == sizeT && both == sizeP) exact++;
        }
        return new MultiLabelMetrics(classes.ToArray(), truth.Count, tp, support, count, samples / truth.Count, (double)exact / truth.Count);
    }
}
