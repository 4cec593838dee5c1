using System.Text;

namespace SerKit.Extraction;

/// <summary>
/// Maps utterance ids to relative output file names: '/' in an id becomes a subfolder,
/// every other character outside [A-Za-z0-9._-] becomes '_', and no segment may start
/// with '.' (so an id cannot climb out of the output folder or hide a file).
/// </summary>
public static class FeatureFileNames
{
    /// <summary>The relative path (with '/') of <paramref name="id"/>'s file for feature <paramref name="kind"/>.</summary>
    public static string For(string kind, string id, FeatureFileFormat format)
    {
        var segments = id.Split('/', '\\').Where(s => s.Length > 0).Select(Clean);
        var ext = format == FeatureFileFormat.Npy ? ".npy" : ".safetensors";
        return kind + "/" + string.Join("/", segments) + ext;
    }

    private static string Clean(string segment)
    {
        var sb = new StringBuilder(segment.Length);
        foreach (var c in segment)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        if (sb[0] == '.') sb[0] = '_';
        return sb.ToString();
    }
}
