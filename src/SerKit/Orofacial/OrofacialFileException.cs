using SerKit.IO;

namespace SerKit.Orofacial;

/// <summary>An orofacial input file (phoneme alignments, model folder) that cannot be used: the message names the file, where and what.</summary>
public sealed class OrofacialFileException : InputFileException
{
    /// <summary>A problem in <paramref name="path"/> at <paramref name="location"/> (e.g. "line 4"; null for the whole file).</summary>
    public OrofacialFileException(string path, string? location, string problem, Exception? inner = null)
        : base(path, location, problem, inner)
    {
    }
}
