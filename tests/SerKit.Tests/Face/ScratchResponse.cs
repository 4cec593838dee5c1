using SerKit.Face;
using Xunit.Abstractions;

namespace SerKit.Tests.Face;

public class ScratchResponse(ITestOutputHelper output)
{
    [Fact]
    public void Matrix()
    {
        var aus = ActionUnitEstimator.IntensityAus;
        var n = ConstructedFaces.Neutral();
        var (x0, y0) = ConstructedFaces.Frame(n, []);
        var c0 = new double[aus.Count];
        ActionUnitEstimator.Cues(x0, y0, c0);
        output.WriteLine("cue\\moved " + string.Join(" ", aus.Select(a => $"{a,7}")));
        var m = new double[aus.Count, aus.Count];
        foreach (var (b, j) in aus.Select((b, j) => (b, j)))
        {
            var (x, y) = ConstructedFaces.Frame(n, [(b, 1.0)]);
            var c = new double[aus.Count];
            ActionUnitEstimator.Cues(x, y, c);
            for (int a = 0; a < aus.Count; a++) m[a, j] = c[a] - c0[a];
        }
        for (int a = 0; a < aus.Count; a++)
            output.WriteLine($"{aus[a],9} " + string.Join(" ", Enumerable.Range(0, aus.Count).Select(j => $"{m[a, j] * 1000,7:0.00}")));
        output.WriteLine("normalised by own:");
        for (int a = 0; a < aus.Count; a++)
            output.WriteLine($"{aus[a],9} " + string.Join(" ", Enumerable.Range(0, aus.Count).Select(j => $"{m[a, j] / m[a, a],7:0.00}")));
    }
}
