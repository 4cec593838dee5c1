using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>Padding masks of a batch of sequences of different lengths.</summary>
public static class SequenceMasks
{
    /// <summary>Boolean [B, <paramref name="frames"/>]: true where position t &lt; lengths[b] (a real frame), false on padding.</summary>
    public static Tensor FromLengths(Tensor lengths, long frames) =>
        arange(frames, ScalarType.Int64, lengths.device).unsqueeze(0).lt(lengths.unsqueeze(1));
}
