namespace SerKit.Corpus;

/// <summary>
/// Lexical path rules of manifests: paths are relative to the root, use '/', and never
/// leave the root. Symbolic links are not followed (a link inside the root is accepted).
/// </summary>
internal static class ManifestPaths
{
    /// <summary>The absolute form of <paramref name="root"/> without a trailing separator.</summary>
    internal static string NormalizeRoot(string root)
    {
        if (string.IsNullOrWhiteSpace(root)) throw new ArgumentException("the manifest root is empty", nameof(root));
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    /// <summary>
    /// Turns <paramref name="path"/> (relative to <paramref name="root"/>, or absolute) into a
    /// normalised root-relative path with '/' separators, or explains why it cannot be one.
    /// Backslashes are read as separators.
    /// </summary>
    internal static bool TryMakeRelative(string root, string path, out string relative, out string problem)
    {
        relative = "";
        problem = "";
        if (string.IsNullOrWhiteSpace(path))
        {
            problem = "empty path";
            return false;
        }
        if (path.Contains('\0'))
        {
            problem = $"path '{path}' contains a NUL character";
            return false;
        }
        var unified = path.Replace('\\', '/');
        if (Path.IsPathRooted(unified))
        {
            var full = Path.GetFullPath(unified);
            var rel = Path.GetRelativePath(root, full);
            if (Path.IsPathRooted(rel) || rel == ".." || rel.StartsWith("../", StringComparison.Ordinal)
                || rel.StartsWith("..\\", StringComparison.Ordinal))
            {
                problem = $"absolute path '{path}' is outside the manifest root '{root}'";
                return false;
            }
            unified = rel.Replace('\\', '/');
        }
        var parts = new List<string>();
        foreach (var segment in unified.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (parts.Count == 0)
                {
                    problem = $"path '{path}' escapes the manifest root '{root}'";
                    return false;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(segment);
        }
        if (parts.Count == 0)
        {
            problem = $"path '{path}' names the root folder itself, not a file";
            return false;
        }
        relative = string.Join('/', parts);
        return true;
    }

    /// <summary>The absolute file system path of a root-relative manifest path.</summary>
    internal static string Full(string root, string relative) =>
        Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
}
