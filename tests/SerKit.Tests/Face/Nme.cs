namespace SerKit.Tests.Face;

/// <summary>Normalised mean error: mean point-to-point distance over the 68 points divided by the inter-ocular distance (outer eye corners 36 and 45) of the reference points.</summary>
internal static class Nme
{
    public static double Of(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> refX, ReadOnlySpan<float> refY)
    {
        double iod = Math.Sqrt(Math.Pow(refX[36] - refX[45], 2) + Math.Pow(refY[36] - refY[45], 2));
        double sum = 0;
        for (int k = 0; k < 68; k++) sum += Math.Sqrt(Math.Pow(x[k] - refX[k], 2) + Math.Pow(y[k] - refY[k], 2));
        return sum / 68 / iod;
    }
}
