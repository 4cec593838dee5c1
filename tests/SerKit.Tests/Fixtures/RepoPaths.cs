namespace SerKit.Tests.Fixtures;

/// <summary>Folders of the repository the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SerKit.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (SerKit.slnx) above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding SerKit.slnx).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The ignored cache for fetched test material: .cache/fixtures.</summary>
    public static string FixtureCache => Path.Combine(Root, ".cache", "fixtures");

    /// <summary>A fresh temporary folder under the system temp folder.</summary>
    public static string NewTempFolder(string prefix = "serkit-test")
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
