namespace SerKit.Experiments;

/// <summary>
/// Reads and writes <see cref="Recipe"/> files: YAML or JSON with snake_case keys; unknown keys are refused
/// naming the key path; overrides <c>key.path=value</c> (as on the command line, <c>--set fine_tuning.epochs=5</c>)
/// are applied before validation; the resolved recipe is written as YAML next to the results.
/// </summary>
public static class RecipeFile
{
    /// <summary>Name of the resolved recipe in an experiment folder.</summary>
    public const string ResolvedFileName = "recipe.yaml";

    /// <summary>Reads <paramref name="path"/>, applies <paramref name="overrides"/>, resolves relative paths against the file's folder and validates.</summary>
    public static Recipe Load(string path, IReadOnlyList<string>? overrides = null) => throw new NotImplementedException("being written");

    /// <summary>The recipe as YAML text (every key, defaults included).</summary>
    public static string ToYaml(Recipe recipe) => throw new NotImplementedException("being written");

    /// <summary>Writes <see cref="ToYaml"/> atomically.</summary>
    public static void Save(Recipe recipe, string path) => IO.AtomicFile.WriteAllText(path, ToYaml(recipe));
}
