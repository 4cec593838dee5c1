using SerKit.IO;

namespace SerKit.Face;

/// <summary>A dlib <c>shape_predictor</c> model file that cannot be read: the message names the file, the byte offset and the problem.</summary>
public sealed class ShapePredictorException : InputFileException
{
    public ShapePredictorException(string path, string? location, string problem, Exception? inner = null)
        : base(path, location, problem, inner)
    {
    }
}
