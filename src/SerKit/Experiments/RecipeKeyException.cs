namespace SerKit.Experiments;

/// <summary>A problem at a key path of a recipe (turned into a <see cref="RecipeException"/> naming the file).</summary>
internal sealed class RecipeKeyException(string key, string problem) : Exception($"{key}: {problem}")
{
    /// <summary>The key path, e.g. <c>folds.count</c>.</summary>
    public string Key { get; } = key;

    /// <summary>What is wrong.</summary>
    public string Problem { get; } = problem;
}
