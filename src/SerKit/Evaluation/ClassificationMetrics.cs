namespace SerKit.Evaluation;

/// <summary>
/// Single-label classification metrics of one evaluation (one fold, one seed): WA, UA,
/// macro and micro precision / recall / F1, per-class figures and the confusion matrix.
/// All values are fractions in [0, 1] (as scikit-learn and EmoBox report them), not percentages.
/// </summary>
/// <remarks>
/// Conventions (the same as scikit-learn's defaults, which EmoBox uses):
/// <list type="bullet">
/// <item>Precision of a class never predicted is 0 (scikit-learn <c>zero_division=0</c>); recall of a
/// class absent from the truth is 0; F1 is 0 when precision + recall is 0.</item>
/// <item>Macro averages run over the classes that occur in the truth or in the predictions
/// (scikit-learn's default label set). A class that occurs in neither is excluded, so a test fold
/// that happens to miss a class is not penalised for it; a class that is predicted but absent
/// from the truth is included with recall 0 and precision 0.</item>
/// <item>UA is the mean recall over the classes present in the truth (scikit-learn's
/// <c>balanced_accuracy_score</c>); it differs from <see cref="MacroRecall"/> only when a class is
/// predicted but absent from the truth.</item>
/// <item>Micro precision, recall and F1 all equal WA for single-label data; they are still
/// computed from the pooled counts, not copied.</item>
/// </list>
/// The confusion matrix always covers every class of <see cref="Classes"/>: rows are the truth,
/// columns the prediction.
/// </remarks>
public sealed class ClassificationMetrics
{
    private readonly int[,] _confusion;

    private ClassificationMetrics(IReadOnlyList<string> classes, int[,] confusion)
    {
        Classes = classes;
        _confusion = confusion;
        int k = classes.Count;
        var support = new int[k];
        var predictedCount = new int[k];
        int correct = 0, num = 0;
        for (int t = 0; t < k; t++)
            for (int p = 0; p < k; p++)
            {
                support[t] += confusion[t, p];
                predictedCount[p] += confusion[t, p];
                num += confusion[t, p];
                if (t == p) correct += confusion[t, p];
            }

        var precision = new double[k];
        var recall = new double[k];
        var f1 = new double[k];
        var inMacro = new bool[k];
        double sumP = 0, sumR = 0, sumF = 0, sumUa = 0;
        int macroCount = 0, truthCount = 0;
        for (int c = 0; c < k; c++)
        {
            int tp = confusion[c, c];
            precision[c] = predictedCount[c] > 0 ? (double)tp / predictedCount[c] : 0.0;
            recall[c] = support[c] > 0 ? (double)tp / support[c] : 0.0;
            f1[c] = precision[c] + recall[c] > 0 ? 2 * precision[c] * recall[c] / (precision[c] + recall[c]) : 0.0;
            inMacro[c] = support[c] > 0 || predictedCount[c] > 0;
            if (inMacro[c])
            {
                macroCount++;
                sumP += precision[c];
                sumR += recall[c];
                sumF += f1[c];
            }
            if (support[c] > 0)
            {
                truthCount++;
                sumUa += recall[c];
            }
        }

        Num = num;
        Support = support;
        PredictedCount = predictedCount;
        PerClassPrecision = precision;
        PerClassRecall = recall;
        PerClassF1 = f1;
        InMacroAverage = inMacro;
        MacroClassCount = macroCount;
        WA = (double)correct / num;
        UA = sumUa / truthCount;
        MacroPrecision = sumP / macroCount;
        MacroRecall = sumR / macroCount;
        MacroF1 = sumF / macroCount;
        // Pooled counts over the macro label set: TP = correct, TP + FP = TP + FN = num.
        int pooledTp = correct, pooledPredicted = 0, pooledTruth = 0;
        for (int c = 0; c < k; c++)
        {
            if (!inMacro[c]) continue;
            pooledPredicted += predictedCount[c];
            pooledTruth += support[c];
        }
        MicroPrecision = (double)pooledTp / pooledPredicted;
        MicroRecall = (double)pooledTp / pooledTruth;
        MicroF1 = MicroPrecision + MicroRecall > 0 ? 2 * MicroPrecision * MicroRecall / (MicroPrecision + MicroRecall) : 0.0;
    }

    /// <summary>Class names, index = class id.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Number of evaluated samples.</summary>
    public int Num { get; }

    /// <summary>Confusion matrix [truth, predicted] over all <see cref="Classes"/> (a copy).</summary>
    public int[,] Confusion => (int[,])_confusion.Clone();

    /// <summary>Count of samples with truth <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public int Count(int truth, int predicted) => _confusion[truth, predicted];

    /// <summary>Weighted accuracy: share of samples classified correctly (overall accuracy).</summary>
    public double WA { get; }

    /// <summary>Unweighted accuracy: mean recall over the classes present in the truth (balanced accuracy).</summary>
    public double UA { get; }

    /// <summary>Mean per-class precision over the classes in the truth or the predictions.</summary>
    public double MacroPrecision { get; }

    /// <summary>Mean per-class recall over the classes in the truth or the predictions.</summary>
    public double MacroRecall { get; }

    /// <summary>Mean per-class F1 over the classes in the truth or the predictions (not the F1 of the macro P and R).</summary>
    public double MacroF1 { get; }

    /// <summary>Precision of the pooled counts (equals WA for single-label data).</summary>
    public double MicroPrecision { get; }

    /// <summary>Recall of the pooled counts (equals WA for single-label data).</summary>
    public double MicroRecall { get; }

    /// <summary>F1 of the pooled counts (equals WA for single-label data).</summary>
    public double MicroF1 { get; }

    /// <summary>Per-class precision TP / (TP + FP); 0 for a class never predicted.</summary>
    public IReadOnlyList<double> PerClassPrecision { get; }

    /// <summary>Per-class recall TP / (TP + FN); 0 for a class absent from the truth.</summary>
    public IReadOnlyList<double> PerClassRecall { get; }

    /// <summary>Per-class F1, the harmonic mean of precision and recall; 0 when both are 0.</summary>
    public IReadOnlyList<double> PerClassF1 { get; }

    /// <summary>Per-class support: number of samples whose truth is the class.</summary>
    public IReadOnlyList<int> Support { get; }

    /// <summary>Per-class number of samples predicted as the class.</summary>
    public IReadOnlyList<int> PredictedCount { get; }

    /// <summary>Whether each class enters the macro averages (it occurs in the truth or the predictions).</summary>
    public IReadOnlyList<bool> InMacroAverage { get; }

    /// <summary>Number of classes the macro averages run over.</summary>
    public int MacroClassCount { get; }

    /// <summary>
    /// Computes the metrics of <paramref name="predicted"/> against <paramref name="truth"/>
    /// (class ids, index into <paramref name="classes"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or hold an id outside the classes.</exception>
    public static ClassificationMetrics Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count == 0) throw new ArgumentException("no classes given", nameof(classes));
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"{truth.Count} truth labels but {predicted.Count} predictions", nameof(predicted));
        if (truth.Count == 0) throw new ArgumentException("no samples to evaluate", nameof(truth));
        int k = classes.Count;
        var confusion = new int[k, k];
        for (int i = 0; i < truth.Count; i++)
        {
            int t = truth[i], p = predicted[i];
            if ((uint)t >= (uint)k) throw new ArgumentException($"truth label {t} of sample {i} is not a class id (0..{k - 1})", nameof(truth));
            if ((uint)p >= (uint)k) throw new ArgumentException($"prediction {p} of sample {i} is not a class id (0..{k - 1})", nameof(predicted));
            confusion[t, p]++;
        }
        return new ClassificationMetrics(classes.ToArray(), confusion);
    }

    /// <summary>
    /// Computes the metrics of the <paramref name="predictions"/> that carry a truth label;
    /// predictions without one (unlabelled utterances) are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">No prediction carries a truth label, or an id is outside the classes.</exception>
    public static ClassificationMetrics Compute(IReadOnlyList<Prediction> predictions, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var labelled = predictions.Where(p => p.Truth.HasValue).ToArray();
        if (labelled.Length == 0) throw new ArgumentException("no prediction carries a truth label", nameof(predictions));
        return Compute(labelled.Select(p => p.Truth!.Value).ToArray(), labelled.Select(p => p.Predicted).ToArray(), classes);
    }

    /// <summary>Computes the metrics from a confusion matrix [truth, predicted] over <paramref name="classes"/>.</summary>
    /// <exception cref="ArgumentException">The matrix is not K×K, holds a negative count, or is all zero.</exception>
    public static ClassificationMetrics FromConfusion(int[,] confusion, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        ArgumentNullException.ThrowIfNull(classes);
        int k = classes.Count;
        if (k == 0) throw new ArgumentException("no classes given", nameof(classes));
        if (confusion.GetLength(0) != k || confusion.GetLength(1) != k)
            throw new ArgumentException($"confusion matrix is {confusion.GetLength(0)}×{confusion.GetLength(1)} but there are {k} classes", nameof(confusion));
        long total = 0;
        foreach (var v in confusion)
        {
            if (v < 0) throw new ArgumentException("confusion matrix holds a negative count", nameof(confusion));
            total += v;
        }
        if (total == 0) throw new ArgumentException("confusion matrix is empty (no samples)", nameof(confusion));
        return new ClassificationMetrics(classes.ToArray(), (int[,])confusion.Clone());
    }
}
