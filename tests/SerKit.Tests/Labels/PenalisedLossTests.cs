using SerKit.Labels;
using static TorchSharp.torch;

namespace SerKit.Tests.Labels;

/// <summary>
/// The losses against hand-computed values. Logits z = (0, ln 2, ln 3) give p = (1/6, 2/6, 3/6); the penalty is
/// P = [[0, .5, 1], [.5, 0, .25], [1, .25, 0]] (row = target).
/// </summary>
public class PenalisedLossTests
{
    private static readonly PenaltyMatrix P = new(["A", "B", "C"], [[0, 0.5, 1], [0.5, 0, 0.25], [1, 0.25, 0]]);

    private static Tensor Logits(int rows) =>
        tensor(Enumerable.Repeat(new[] { 0.0, Math.Log(2), Math.Log(3) }, rows).SelectMany(r => r).ToArray(), new long[] { rows, 3 });

    private static double Loss(PenalisedLoss loss, Tensor logits, double[] targets) =>
        loss.Compute(logits, tensor(targets, new long[] { targets.Length / 3, 3 })).item<double>();

    [Fact]
    public void HardLabel()
    {
        SerKit.Runtime.TorchRuntime.Start();
        using var scope = NewDisposeScope();
        // Target A: plain = −ln(1/6) = ln 6 = 1.791759; penalty = .5·(2/6) + 1·(3/6) = 0.666667.
        // α = .5: (1 − .5)·1.791759 + .5·(1.791759 + 0.666667) = 1.791759 + .5·0.666667 = 2.125093.
        Assert.Equal(Math.Log(6), Loss(new PenalisedLoss(3, null, 0), Logits(1), [1, 0, 0]), 10);
        Assert.Equal(Math.Log(6) + 0.5 * (2.0 / 3), Loss(new PenalisedLoss(3, P, 0.5), Logits(1), [1, 0, 0]), 10);
        Assert.Equal(2.1250928025613884, Loss(new PenalisedLoss(3, P, 0.5), Logits(1), [1, 0, 0]), 10);
        // α = 0 with a penalty is the plain loss, and the plain loss of a one-hot target is torch's cross-entropy.
        var ce = nn.functional.cross_entropy(Logits(1), tensor(new long[] { 0 })).item<double>();
        Assert.Equal(ce, Loss(new PenalisedLoss(3, P, 0), Logits(1), [1, 0, 0]), 10);
    }

    [Fact]
    public void MultiLabel()
    {
        SerKit.Runtime.TorchRuntime.Start();
        using var scope = NewDisposeScope();
        // Raters chose A and B: t̃ = (.5, .5, 0). plain = .5·ln 6 + .5·ln 3 = 1.445186.
        // Only C (no rater chose it) is penalised: w_C = .5·P[A][C] + .5·P[B][C] = .5 + .125 = .625; penalty = .625·(3/6) = .3125.
        // α = 1: 1.445186 + .3125 = 1.757686.
        var loss = new PenalisedLoss(3, P, 1);
        Assert.Equal(1.7576858789480823, Loss(loss, Logits(1), [1, 1, 0]), 10);
        Assert.Equal(1.4451858789480823, PenalisedLoss.CrossEntropy(Logits(1), tensor(new double[] { 1, 1, 0 }, new long[] { 1, 3 })).item<double>(), 10);
        Assert.Equal(0.3125, PenalisedLoss.ExpectedPenalty(Logits(1), tensor(new double[] { 1, 1, 0 }, new long[] { 1, 3 }), tensor(new double[] { 0, .5, 1, .5, 0, .25, 1, .25, 0 }, new long[] { 3, 3 })).item<double>(), 10);
    }

    [Fact]
    public void Distribution()
    {
        SerKit.Runtime.TorchRuntime.Start();
        using var scope = NewDisposeScope();
        // Votes (6, 4, 0): t̃ = (.6, .4, 0). plain = .6·ln 6 + .4·ln 3 = 1.514501.
        // w_C = .6·1 + .4·.25 = .7; penalty = .7·(3/6) = .35. α = .2: 1.514501 + .2·.35 = 1.584501.
        Assert.Equal(1.5845005970040769, Loss(new PenalisedLoss(3, P, 0.2), Logits(1), [6, 4, 0]), 10);
        Assert.Equal(1.5845005970040769, Loss(new PenalisedLoss(3, P, 0.2), Logits(1), [0.6, 0.4, 0]), 10); // counts or shares alike
        // Every class voted for: nothing is penalised.
        Assert.Equal(.6 * Math.Log(6) + .3 * Math.Log(3) + .1 * Math.Log(2), Loss(new PenalisedLoss(3, P, 1), Logits(1), [6, 3, 1]), 10);
    }

    [Fact]
    public void TheBatchMeanLeavesMaskedRowsOut()
    {
        SerKit.Runtime.TorchRuntime.Start();
        using var scope = NewDisposeScope();
        var loss = new PenalisedLoss(3, P, 0.5);
        double hard = Math.Log(6) + .5 * (2.0 / 3), multi = 1.4451858789480823 + .5 * .3125, dist = 1.5145005970040768 + .5 * .35;
        Assert.Equal((hard + multi + dist) / 3, Loss(loss, Logits(4), [1, 0, 0, 1, 1, 0, 0, 0, 0, 6, 4, 0]), 10);
    }

    [Fact]
    public void GradientsAreFiniteAtTheEdges()
    {
        SerKit.Runtime.TorchRuntime.Start();
        using var scope = NewDisposeScope();
        var loss = new PenalisedLoss(3, P, 1);
        // Saturated logits: the target class has probability exp(−2000) (underflows to 0) in row 1; row 2 is confidently right;
        // row 3 is a one-hot prediction against a distribution target; row 4 is masked.
        var z = tensor(new double[] { 1000, -1000, 0, 100, -100, -100, -1000, 1000, -1000, 5, 5, 5 }, new long[] { 4, 3 }).requires_grad_();
        var t = tensor(new double[] { 0, 1, 0, 1, 0, 0, .5, 0, .5, 0, 0, 0 }, new long[] { 4, 3 });
        var l = loss.Compute(z, t);
        Assert.True(double.IsFinite(l.item<double>()), $"loss {l.item<double>()}");
        l.backward();
        var g = z.grad!.data<double>().ToArray();
        Assert.All(g, v => Assert.True(double.IsFinite(v), $"gradient {v}"));
        Assert.All(g[9..], v => Assert.Equal(0, v)); // the masked row gets no gradient
        // Row 1's gradient of the mean cross-entropy is (p − t̃)/3 = (1, −1, 0)/3; the penalty adds ≈ 0 there (p is one-hot on A,
        // whose weight P[B][A] = .5 gives a gradient of p_A(1 − p_A)·… ≈ 0).
        Assert.Equal(1.0 / 3, g[0], 6);
        Assert.Equal(-1.0 / 3, g[1], 6);
    }

    [Fact]
    public void TheGradientMatchesFiniteDifferences()
    {
        SerKit.Runtime.TorchRuntime.Start();
        using var scope = NewDisposeScope();
        var loss = new PenalisedLoss(3, P, 0.7);
        double[] z0 = [0.3, -1.2, 0.8, 1.5, 0.1, -0.4];
        double[] t = [1, 0, 0, 0.2, 0.8, 0];
        var z = tensor(z0, new long[] { 2, 3 }).requires_grad_();
        loss.Compute(z, tensor(t, new long[] { 2, 3 })).backward();
        var g = z.grad!.data<double>().ToArray();
        for (int i = 0; i < z0.Length; i++)
        {
            var up = (double[])z0.Clone();
            var down = (double[])z0.Clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            double numeric = (Loss(loss, tensor(up, new long[] { 2, 3 }), t) - Loss(loss, tensor(down, new long[] { 2, 3 }), t)) / 2e-6;
            Assert.Equal(numeric, g[i], 6);
        }
    }

    [Fact]
    public void SettingsAreChecked()
    {
        Assert.Throws<ArgumentException>(() => new PenalisedLoss(3, null, 0.5));
        Assert.Throws<ArgumentException>(() => new PenalisedLoss(3, P, 1.5));
        Assert.Throws<ArgumentException>(() => new PenalisedLoss(4, P, 0.5));
    }
}
