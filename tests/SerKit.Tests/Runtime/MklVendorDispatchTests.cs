using System.Runtime.InteropServices;
using SerKit.Runtime;
using static TorchSharp.torch;

namespace SerKit.Tests.Runtime;

public class MklVendorDispatchTests
{
    [DllImport("libc")] private static extern IntPtr dlopen(string file, int mode);
    [DllImport("libc")] private static extern IntPtr dlsym(IntPtr handle, string name);
    [DllImport("libc")] private static extern IntPtr dlerror();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int IntFunction();

    [SkippableFact]
    public void TheGeneratedSharedObjectLoadsAndExportsTheVendorCheck()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64, "Linux x64 only");
        var path = Path.Combine(Fixtures.RepoPaths.NewTempFolder(), "dispatch.so");
        File.WriteAllBytes(path, MklVendorDispatch.SharedObject());
        var handle = dlopen(path, 2 /* RTLD_NOW, local */);
        Assert.True(handle != IntPtr.Zero, Marshal.PtrToStringAnsi(dlerror()));
        var f = dlsym(handle, "mkl_serv_intel_cpu_true");
        Assert.NotEqual(IntPtr.Zero, f);
        Assert.Equal(1, Marshal.GetDelegateForFunctionPointer<IntFunction>(f)());
    }

    [Fact]
    public void LibtorchStartsWithTheDispatchDecidedAndComputesCorrectProducts()
    {
        TorchRuntime.Start();
        Assert.NotEqual("not attempted", MklVendorDispatch.Status);
        using var scope = NewDisposeScope();
        var a = arange(0, 64 * 48, dtype: ScalarType.Float32).reshape(64, 48).div(1000);
        var b = arange(0, 48 * 40, dtype: ScalarType.Float32).reshape(48, 40).div(1000);
        var c = a.mm(b).data<float>().ToArray();
        var ad = a.data<float>().ToArray();
        var bd = b.data<float>().ToArray();
        for (int i = 0; i < 64; i += 7)
            for (int j = 0; j < 40; j += 5)
            {
                double s = 0;
                for (int k = 0; k < 48; k++) s += (double)ad[i * 48 + k] * bd[k * 40 + j];
                Assert.Equal(s, c[i * 40 + j], 3);
            }
    }
}
