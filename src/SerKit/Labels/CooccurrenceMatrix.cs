using System.Globalization;
using System.Text.Json;
using SerKit.Corpus;
using SerKit.IO;

namespace SerKit.Labels;

/// <summary>
/// How often emotions co-occur in individual annotators' votes for the same utterance (Chou, Lee &amp;
/// Busso), and the class-pair penalty matrix made from it: rarely co-occurring pairs get a penalty near 1,
/// frequently co-occurring ones near 0, the diagonal 0. See docs/cooccurrence.md for the definitions.
/// </summary>
public sealed class CooccurrenceMatrix
{
    private CooccurrenceMatrix(IReadOnlyList<string> classes, long[,] counts, long[] occurrences, int utterances, long votes,
        double[,] frequency, CooccurrenceOptions options, string? source)
    {
        Classes = classes;
        Counts = counts;
        Occurrences = occurrences;
        Utterances = utterances;
        Votes = votes;
        Frequency = frequency;
        Options = options;
        Source = source;
        int k = classes.Count;
        var penalty = new double[k][];
        for (int i = 0; i < k; i++)
        {
            penalty[i] = new double[k];
            for (int j = 0; j < k; j++) penalty[i][j] = i == j ? 0 : 1 - frequency[i, j];
        }
        Penalty = new PenaltyMatrix(classes, penalty, source);
    }

    /// <summary>Class names, index = row/column.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>
    /// C[i, j] for i ≠ j: co-occurrences of classes i and j (symmetric). Diagonal: with <see cref="CooccurrenceCounting.Presence"/>
    /// the utterances in which class i was chosen; with <see cref="CooccurrenceCounting.Votes"/> the ordered pairs of two votes
    /// for class i on the same utterance.
    /// </summary>
    public long[,] Counts { get; }

    /// <summary>N_i, the normaliser of row i: utterances with a vote for i (presence) or Σ n_i·(V − 1) (votes), = Σ_j C[i, j] for votes.</summary>
    public long[] Occurrences { get; }

    /// <summary>Utterances with at least one vote for one of the classes.</summary>
    public int Utterances { get; }

    /// <summary>Votes counted (a multi-choice answer counts once per label).</summary>
    public long Votes { get; }

    /// <summary>Co-occurrence frequency F in [0, 1] (diagonal 1), rows = target class.</summary>
    public double[,] Frequency { get; }

    /// <summary>The penalty P[i, j] = 1 − F[i, j] for i ≠ j, 0 on the diagonal; row = target class, column = predicted class.</summary>
    public PenaltyMatrix Penalty { get; }

    /// <summary>The counting and normalisation used.</summary>
    public CooccurrenceOptions Options { get; }

    /// <summary>Where the votes came from (file), when known.</summary>
    public string? Source { get; }

    /// <summary>
    /// Counts co-occurrences of <paramref name="classes"/> in <paramref name="votes"/> and builds the penalty. Votes for labels not in
    /// <paramref name="classes"/> are ignored; utterances without a vote for any of them are not counted.
    /// </summary>
    public static CooccurrenceMatrix Compute(VoteTable votes, IReadOnlyList<string> classes, CooccurrenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(votes);
        options ??= new CooccurrenceOptions();
        if (classes.Count < 2) throw new ArgumentException("co-occurrence needs at least two classes");
        if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Count) throw new ArgumentException("class names must be distinct");
        int k = classes.Count;
        var counts = new long[k, k];
        var occurrences = new long[k];
        int utterances = 0;
        long total = 0;
        foreach (var u in votes.Utterances)
        {
            var n = u.Counts(classes);
            long v = n.Sum();
            if (v == 0) continue;
            utterances++;
            total += v;
            for (int i = 0; i < k; i++)
            {
                if (n[i] == 0) continue;
                if (options.Counting == CooccurrenceCounting.Presence)
                {
                    counts[i, i]++;
                    occurrences[i]++;
                    for (int j = 0; j < k; j++) if (j != i && n[j] > 0) counts[i, j]++;
                }
                else
                {
                    counts[i, i] += (long)n[i] * (n[i] - 1);
                    occurrences[i] += n[i] * (v - 1);
                    for (int j = 0; j < k; j++) if (j != i) counts[i, j] += (long)n[i] * n[j];
                }
            }
        }
        if (utterances == 0)
            throw new ArgumentException($"{votes.Source ?? "the vote table"}: no vote for any of the classes {string.Join(", ", classes)} (labels found: {string.Join(", ", votes.Labels)})");
        return new CooccurrenceMatrix(classes.ToArray(), counts, occurrences, utterances, total, Normalize(counts, occurrences, options.Normalization), options, votes.Source);
    }

    /// <summary>F from the counts (diagonal 1); a class never chosen co-occurs with nothing (F = 0 off the diagonal).</summary>
    private static double[,] Normalize(long[,] c, long[] n, CooccurrenceNormalization normalization)
    {
        int k = n.Length;
        long max = 0;
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) if (i != j) max = Math.Max(max, c[i, j]);
        var f = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                if (i == j) { f[i, j] = 1; continue; }
                f[i, j] = normalization switch
                {
                    CooccurrenceNormalization.Conditional => n[i] > 0 ? (double)c[i, j] / n[i] : 0,
                    CooccurrenceNormalization.Cosine => n[i] > 0 && n[j] > 0 ? c[i, j] / Math.Sqrt((double)n[i] * n[j]) : 0,
                    CooccurrenceNormalization.Max => max > 0 ? (double)c[i, j] / max : 0,
                    _ => throw new ArgumentOutOfRangeException(nameof(normalization), normalization, null),
                };
            }
        return f;
    }

    /// <summary>
    /// Writes the matrix as JSON (atomically): <c>classes</c>, <c>counts</c>, <c>occurrences</c>, <c>frequency</c>,
    /// <c>penalty</c> (one row per line) and <c>construction</c> (counting, normalisation, source, sizes and the
    /// definitions in words). <see cref="PenaltyMatrix.Load"/> reads it back.
    /// </summary>
    public void Save(string path)
    {
        int k = Classes.Count;
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteStartArray("classes");
            foreach (var c in Classes) w.WriteStringValue(c);
            w.WriteEndArray();
            MatrixJson.WriteRows(w, "counts", k, k, (i, j) => Counts[i, j].ToString(CultureInfo.InvariantCulture));
            w.WritePropertyName("occurrences");
            w.WriteRawValue("[" + string.Join(", ", Occurrences.Select(o => o.ToString(CultureInfo.InvariantCulture))) + "]", skipInputValidation: true);
            MatrixJson.WriteRows(w, "frequency", k, k, (i, j) => MatrixJson.Number(Frequency[i, j]));
            MatrixJson.WriteRows(w, "penalty", k, k, (i, j) => MatrixJson.Number(Penalty.Values[i][j]));
            w.WriteStartObject("construction");
            w.WriteString("method", "co-occurrence penalty (Chou, Lee & Busso)");
            w.WriteString("counting", JsonNamingPolicy.SnakeCaseLower.ConvertName(Options.Counting.ToString()));
            w.WriteString("normalization", JsonNamingPolicy.SnakeCaseLower.ConvertName(Options.Normalization.ToString()));
            if (Source is null) w.WriteNull("source"); else w.WriteString("source", Source);
            w.WriteNumber("utterances", Utterances);
            w.WriteNumber("votes", Votes);
            w.WriteString("counts_definition", Options.Counting == CooccurrenceCounting.Presence
                ? "counts[i][j] (i != j): utterances for which at least one rater chose i and at least one chose j; counts[i][i] = occurrences[i]: utterances for which at least one rater chose i"
                : "counts[i][j]: sum over utterances of n_i*n_j (i != j) or n_i*(n_i-1) (i == j), n_i = votes for class i; occurrences[i] = sum over utterances of n_i*(V-1), V = the utterance's votes (= row sum)");
            w.WriteString("frequency_definition", Options.Normalization switch
            {
                CooccurrenceNormalization.Conditional => "frequency[i][j] = counts[i][j] / occurrences[i] (how likely j is chosen given that i is; rows = target class); 1 on the diagonal",
                CooccurrenceNormalization.Cosine => "frequency[i][j] = counts[i][j] / sqrt(occurrences[i] * occurrences[j]); 1 on the diagonal",
                _ => "frequency[i][j] = counts[i][j] / (largest off-diagonal count); 1 on the diagonal",
            });
            w.WriteString("penalty_definition", "penalty[i][j] = 1 - frequency[i][j] for i != j, 0 on the diagonal; row = target class, column = predicted class");
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
