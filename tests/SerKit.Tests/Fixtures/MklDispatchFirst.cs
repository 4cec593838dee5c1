using System.Runtime.CompilerServices;
using SerKit.Runtime;

namespace SerKit.Tests.Fixtures;

/// <summary>
/// Applies <see cref="MklVendorDispatch"/> when the test assembly loads, before any test can load libtorch. oneMKL's FFT and GEMM kernels
/// (and so the last bits of log-mel features) depend on it; a test touching TorchSharp before any <see cref="TorchRuntime.Start"/> used to
/// load libtorch without it, so features computed early and late in one test process could differ (seen as a rare failure of
/// FeatureSourceTests, extracted versus on-the-fly log-mels differing by ~1e-4).
/// </summary>
internal static class MklDispatchFirst
{
#pragma warning disable CA2255 // a module initializer in a test assembly is exactly what is wanted here
    [ModuleInitializer]
    internal static void Apply() => MklVendorDispatch.Apply();
#pragma warning restore CA2255
}
