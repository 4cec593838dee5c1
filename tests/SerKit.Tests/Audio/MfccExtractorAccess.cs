using SerKit.Audio;

namespace SerKit.Tests.Audio;

/// <summary>Reaches the internal MFCC basis for tests.</summary>
internal static class MfccExtractorAccess
{
    public static float[] Dct(int mels, int coefficients) => MfccExtractor.CreateDct(mels, coefficients);
}
