using SerKit.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Tests.Training;

public class AdamTests
{
    [Fact]
    public void FollowsTorchAdamsUpdateAndRestoresItsState()
    {
        SerKit.Runtime.TorchRuntime.Start();
        var options = new TrainingOptions { LearningRate = 0.01, WeightDecay = 0.1 };
        var p = new Parameter(tensor(new float[] { 1.0f, -2.0f }));
        var q = new Parameter(tensor(new float[] { 3.0f }));
        using var adam = new AdamOptimizer([("p", p), ("q", q)], options);
        double[] x = { 1.0, -2.0 }, m = new double[2], v = new double[2];
        double[][] grads = { new[] { 0.5, -1.0 }, new[] { 0.25, 2.0 }, new[] { -1.0, 0.0 } };
        for (int step = 1; step <= grads.Length; step++)
        {
            p.grad = tensor(grads[step - 1].Select(g => (float)g).ToArray());
            adam.Step(); // q has no gradient: left alone, its step count stays 0
            for (int i = 0; i < 2; i++)
            {
                double g = grads[step - 1][i] + 0.1 * x[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                x[i] -= 0.01 / (1 - Math.Pow(0.9, step)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.999, step)) + 1e-8);
            }
            var now = p.data<float>().ToArray();
            Assert.Equal(x[0], now[0], 5);
            Assert.Equal(x[1], now[1], 5);
        }
        Assert.Equal(3.0f, q.data<float>()[0]);
        var (tensors, steps) = adam.ExportState();
        Assert.Equal(3, steps["p"]);
        Assert.Equal(0, steps["q"]);

        // A fresh optimiser given the exported state takes the same next step.
        var p2 = new Parameter(p.detach().clone());
        using var restored = new AdamOptimizer([("p", p2), ("q", new Parameter(tensor(new float[] { 3.0f })))], options);
        restored.ImportState(tensors, steps, "test");
        p.grad = tensor(new float[] { 0.3f, 0.3f });
        p2.grad = tensor(new float[] { 0.3f, 0.3f });
        adam.Step();
        restored.Step();
        Assert.Equal(p.data<float>().ToArray(), p2.data<float>().ToArray());
    }
}
