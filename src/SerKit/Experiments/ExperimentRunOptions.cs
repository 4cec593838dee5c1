namespace SerKit.Experiments;

/// <summary>How <see cref="ExperimentRunner"/> treats an existing experiment folder.</summary>
public sealed record ExperimentRunOptions
{
    /// <summary>
    /// Start over: remove what an earlier run wrote (<see cref="ExperimentLayout.Entries"/>, nothing else) even when its
    /// recipe differs. Without it a folder holding a different recipe, or files that are not an experiment, is refused.
    /// </summary>
    public bool Restart { get; init; }

    /// <summary>The recipe file being run, named in messages (optional).</summary>
    public string? RecipeSource { get; init; }
}
