using System.Diagnostics;
using System.Runtime.InteropServices;
using SerKit.Audio;
using TorchSharp;
using static TorchSharp.torch;
SerKit.Runtime.TorchRuntime.Start(1);
var rng = new Random(0);
int B = int.Parse(args[0]), H = 160, N = 400;
int S = (B - 1) * H + N;
var x = new float[S];
for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() - 0.5) * 0.3f;
var window = hann_window(400);
var fb = rand(201, 64);
var fb2 = fb.repeat_interleave(2, 0).contiguous();
var outBuf = new float[B * 64];
{ var t = zeros(4); MemoryMarshal.Cast<byte, float>(t.bytes)[2] = 5; Console.WriteLine(t[2].item<float>()); }
double tCopy = 0, tStft = 0, tPow = 0, tMm = 0, tLog = 0, tOut = 0;
int reps = 400;
for (int r = 0; r < reps; r++)
{
    using var scope = NewDisposeScope();
    long a = Stopwatch.GetTimestamp();
    var sig = empty(S); x.AsSpan().CopyTo(MemoryMarshal.Cast<byte, float>(sig.bytes));
    long b = Stopwatch.GetTimestamp();
    var spec = stft(sig, 400, 160, 400, window, center: false, onesided: true, return_complex: true);
    long c = Stopwatch.GetTimestamp();
    var q = view_as_real(spec.t()).reshape(B, 402).pow_(2);
    long d = Stopwatch.GetTimestamp();
    var mel = q.mm(fb2);
    long e = Stopwatch.GetTimestamp();
    mel.clamp_min_(1e-10).log_();
    long f = Stopwatch.GetTimestamp();
    MemoryMarshal.Cast<byte, float>(mel.bytes).CopyTo(outBuf);
    long g = Stopwatch.GetTimestamp();
    if (r < 20) continue;
    tCopy += b - a; tStft += c - b; tPow += d - c; tMm += e - d; tLog += f - e; tOut += g - f;
}
double us(double t) => t / Stopwatch.Frequency * 1e6 / ((reps - 20) * B);
Console.WriteLine($"B={B} per frame us: copyin {us(tCopy):F3} stft {us(tStft):F3} pow {us(tPow):F3} mm {us(tMm):F3} log {us(tLog):F3} copyout {us(tOut):F3} total {us(tCopy+tStft+tPow+tMm+tLog+tOut):F3}");
