namespace SerKit.Experiments;

/// <summary>The experiment folder holds results of a different recipe (or files that are not an experiment).</summary>
public sealed class RecipeMismatchException : IOException
{
    /// <summary>Makes the exception; <paramref name="differences"/> are recipe key paths with their old and new values.</summary>
    public RecipeMismatchException(string savedRecipe, IReadOnlyList<string> differences, string message) : base(message)
    {
        SavedRecipe = savedRecipe;
        Differences = differences;
    }

    /// <summary>The saved recipe of the folder.</summary>
    public string SavedRecipe { get; }

    /// <summary>The keys that differ, e.g. <c>fine_tuning.epochs: 30 → 5</c>.</summary>
    public IReadOnlyList<string> Differences { get; }
}
