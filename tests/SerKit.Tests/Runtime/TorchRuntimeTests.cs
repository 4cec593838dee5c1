using SerKit.Runtime;
using TorchSharp;

namespace SerKit.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void LibtorchLoadsAndMultipliesMatrices()
    {
        TorchRuntime.Start();
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var b = torch.tensor(new float[] { 5, 6, 7, 8 }).reshape(2, 2);
        using var c = a.matmul(b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
        Assert.StartsWith("2.10", TorchRuntime.Version);
    }

    [Fact]
    public void SameSeedGivesSameNumbers()
    {
        TorchRuntime.Seed(7);
        using var first = torch.randn(5);
        TorchRuntime.Seed(7);
        using var second = torch.randn(5);
        Assert.Equal(first.data<float>().ToArray(), second.data<float>().ToArray());
    }
}
