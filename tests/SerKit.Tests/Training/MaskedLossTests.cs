using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Tests.Training;

public class MaskedLossTests
{
    private static double LogSoftmax(double[] z, int y) => z[y] - Math.Log(z.Sum(Math.Exp));

    [Fact]
    public void EqualsTheHandComputedWeightedSumOfPerTaskMeans()
    {
        SerKit.Runtime.TorchRuntime.Start();
        double[][] a = { new[] { 2.0, -1.0 }, new[] { 0.5, 0.25 }, new[] { -3.0, 1.0 } };          // task 1: 2 classes
        double[][] b = { new[] { 0.1, 0.2, 0.3 }, new[] { 1.0, -2.0, 0.0 }, new[] { 0.0, 0.0, 4.0 } }; // task 2: 3 classes
        long[] ya = { 0, -1, 1 };  // utterance 2 masked for task 1
        long[] yb = { -1, 2, -1 }; // only utterance 2 labelled for task 2
        using var scope = NewDisposeScope();
        var (total, perTask) = MaskedMultitaskLoss.Compute(
            [tensor(a.SelectMany(r => r).Select(v => (float)v).ToArray(), new long[] { 3, 2 }), tensor(b.SelectMany(r => r).Select(v => (float)v).ToArray(), new long[] { 3, 3 })],
            [tensor(ya), tensor(yb)], [0.5, 2.0], [2, 1]);

        double ceA = -(LogSoftmax(a[0], 0) + LogSoftmax(a[2], 1)) / 2;
        double ceB = -LogSoftmax(b[1], 2);
        Assert.Equal(ceA, perTask[0]!.Value, 5);
        Assert.Equal(ceB, perTask[1]!.Value, 5);
        Assert.Equal(0.5 * ceA + 2.0 * ceB, total!.item<float>(), 5);
    }

    [Fact]
    public void ATaskWithoutLabelsContributesNothing()
    {
        SerKit.Runtime.TorchRuntime.Start();
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 }).requires_grad_();
        var other = tensor(new float[] { 0.5f, -0.5f, 2, 0 }, new long[] { 2, 2 }).requires_grad_();
        var (total, perTask) = MaskedMultitaskLoss.Compute([logits, other], [tensor(new long[] { 1, 0 }), tensor(new long[] { -1, -1 })], [1, 1], [2, 0]);
        Assert.Null(perTask[1]);
        double expected = -(LogSoftmax([1, 2], 1) + LogSoftmax([3, 4], 0)) / 2;
        Assert.Equal(expected, total!.item<float>(), 5);
        total.backward();
        Assert.NotNull(logits.grad);
        Assert.Null(other.grad); // no graph node, so the head of the unlabelled task gets no gradient at all

        var (none, _) = MaskedMultitaskLoss.Compute([logits], [tensor(new long[] { -1, -1 })], [1], [0]);
        Assert.Null(none);
    }
}
