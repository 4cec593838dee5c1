namespace SerKit.Bench;

/// <summary>Folders of the repository the benchmark runs from.</summary>
internal static class BenchRepo
{
    /// <summary>The folder holding SerKit.slnx, searched upwards from the binary and the working folder.</summary>
    public static string Root { get; } = Find(AppContext.BaseDirectory) ?? Find(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException("cannot find the repository root (SerKit.slnx)");

    /// <summary>The ignored cache (.cache) where fetched and generated material is kept.</summary>
    public static string Cache => Path.Combine(Root, ".cache");

    private static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SerKit.slnx"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>Value of <c>--name value</c> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static string Option(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
