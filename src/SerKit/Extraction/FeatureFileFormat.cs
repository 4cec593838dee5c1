namespace SerKit.Extraction;

/// <summary>How extracted features are stored: one file per utterance and feature kind.</summary>
public enum FeatureFileFormat
{
    /// <summary>NumPy .npy, float32 [frames, dims]: <c>numpy.load(path)</c>.</summary>
    Npy,
    /// <summary>safetensors with one tensor named after the feature kind: <c>safetensors.numpy.load_file(path)</c>.</summary>
    SafeTensors,
}
