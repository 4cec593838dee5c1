namespace SerKit.Corpus;

/// <summary>The three parts of a fold.</summary>
public enum FoldSplit
{
    /// <summary>Training speakers.</summary>
    Train,

    /// <summary>Validation speakers (early stopping, model selection).</summary>
    Valid,

    /// <summary>Test speakers (reported results).</summary>
    Test,
}
