namespace SerKit.Labels;

/// <summary>How co-occurrence counts become frequencies in [0, 1] (the penalty is 1 − frequency off the diagonal).</summary>
public enum CooccurrenceNormalization
{
    /// <summary>
    /// F[i, j] = C[i, j] / N_i: how likely class j is chosen for an utterance given that class i is (row = target
    /// class). Not symmetric. The default: it reads "how likely is j to co-occur with the target emotion i".
    /// </summary>
    Conditional,

    /// <summary>F[i, j] = C[i, j] / √(N_i·N_j) (Ochiai / cosine coefficient): symmetric, corrects for how common each class is.</summary>
    Cosine,

    /// <summary>F[i, j] = C[i, j] / max over k ≠ l of C[k, l]: symmetric, the most frequent pair gets frequency 1.</summary>
    Max,
}
