using SerKit.IO;

namespace SerKit.Experiments;

/// <summary>A recipe file (or a command-line override of it) that cannot be used: unknown key, wrong type, bad value.</summary>
public sealed class RecipeException : InputFileException
{
    /// <summary>A problem in <paramref name="path"/> at <paramref name="location"/> (a key path such as <c>folds.count</c>, or <c>--set …</c>).</summary>
    public RecipeException(string path, string? location, string problem, Exception? inner = null) : base(path, location, problem, inner) { }
}
