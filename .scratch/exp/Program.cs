using System.Diagnostics;
using SerKit.Runtime;
using static TorchSharp.torch;
TorchRuntime.Start(1);
Console.WriteLine($"MKL dispatch: {MklVendorDispatch.Applied} ({MklVendorDispatch.Status})");
double T(Action a, int n = 20) { a(); a(); var c = Stopwatch.StartNew(); for (int i = 0; i < n; i++) a(); return c.Elapsed.TotalMilliseconds / n; }
var h = randn(4832, 128).requires_grad_(); var w = randn(256, 128).requires_grad_();
Console.WriteLine($"linear 128->256 f+b {T(() => { using var s = NewDisposeScope(); nn.functional.linear(h, w).sum().backward(); }):0.00} ms");
