namespace SerKit.Synthetic;

/// <summary>
/// One synthetic person's face: their neutral 68 landmarks in pixels of a 640×480 frame
/// (iBUG-68 layout with per-person proportions — eye spacing and size, brow height, nose
/// length, mouth width, lip thickness, jaw width — and position and size in the frame), how
/// strongly they express emotions, and how much their head moves.
/// </summary>
public sealed class SyntheticFace
{
    private SyntheticFace(double[] x, double[] y, double scale, double expressivity, double headMotion)
    {
        NeutralX = x;
        NeutralY = y;
        Scale = scale;
        Expressivity = expressivity;
        HeadMotion = headMotion;
    }

    /// <summary>Neutral landmark x in pixels (68).</summary>
    public IReadOnlyList<double> NeutralX { get; }

    /// <summary>Neutral landmark y in pixels (68).</summary>
    public IReadOnlyList<double> NeutralY { get; }

    /// <summary>Pixels per face unit (the outer eye corners are about 0.96 units apart).</summary>
    public double Scale { get; }

    /// <summary>Factor on the AU intensities of this person's expressions (about 0.7–1.25).</summary>
    public double Expressivity { get; }

    /// <summary>Factor on this person's head movement (about 0.7–1.3).</summary>
    public double HeadMotion { get; }

    /// <summary>A random face; the same seed gives the same face.</summary>
    public static SyntheticFace Create(int seed)
    {
        var rng = new SynthRandom(0x2545F4914F6CDD1DUL ^ (ulong)(uint)seed);
        var x = FaceTemplate.X.ToArray();
        var y = FaceTemplate.Y.ToArray();
        double eyeSpacing = rng.Uniform(0.94, 1.06), eyeSize = rng.Uniform(0.9, 1.12), browLift = rng.Uniform(-0.04, 0.03);
        double mouthWidth = rng.Uniform(0.9, 1.1), mouthShift = rng.Uniform(-0.02, 0.03), lips = rng.Uniform(0.8, 1.2);
        double jawWidth = rng.Uniform(0.92, 1.08), noseLength = rng.Uniform(-0.02, 0.03), aspect = rng.Uniform(0.95, 1.06);
        for (int side = -1; side <= 1; side += 2)
        {
            int[] eye = side < 0 ? new[] { 36, 37, 38, 39, 40, 41 } : new[] { 42, 43, 44, 45, 46, 47 };
            double cx = eye.Average(i => x[i]), cy = eye.Average(i => y[i]);
            foreach (var i in eye)
            {
                x[i] = cx * eyeSpacing + (x[i] - cx) * eyeSize;
                y[i] = cy + (y[i] - cy) * eyeSize;
            }
        }
        for (int i = 17; i <= 26; i++) { y[i] += browLift; x[i] *= 0.5 + 0.5 * eyeSpacing; }
        for (int i = 30; i <= 35; i++) y[i] += noseLength;
        for (int i = 48; i <= 67; i++)
        {
            x[i] *= mouthWidth;
            y[i] += mouthShift + noseLength * 0.5;
        }
        // Lip thickness: outer lip points move away from the inner lip line.
        double lipLine = 0.36 + mouthShift + noseLength * 0.5;
        for (int i = 48; i <= 59; i++) y[i] = lipLine + (y[i] - lipLine) * lips;
        for (int i = 0; i <= 16; i++) x[i] *= jawWidth;
        for (int i = 0; i < FaceTemplate.Count; i++)
        {
            x[i] += rng.Gaussian(0, 0.005);
            y[i] = y[i] * aspect + rng.Gaussian(0, 0.005);
        }
        double scale = rng.Uniform(95, 125);
        double centreX = 320 + rng.Uniform(-30, 30), centreY = 245 + rng.Uniform(-20, 20);
        for (int i = 0; i < FaceTemplate.Count; i++)
        {
            x[i] = centreX + scale * x[i];
            y[i] = centreY + scale * y[i];
        }
        return new SyntheticFace(x, y, scale, rng.Uniform(0.7, 1.25), rng.Uniform(0.7, 1.3));
    }
}
