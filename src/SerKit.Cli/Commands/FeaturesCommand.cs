using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SerKit.Audio;
using SerKit.IO;
using SerKit.Media;
using SerKit.Runtime;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit features INPUT -o OUT.npy</c>: frame-level features of one media file as a float32 .npy [frames, dims].</summary>
public static class FeaturesCommand
{
    private static readonly string[] Kinds = ["logmel", "mfcc", "energy", "f0"];

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Audio or video file (anything AudioDecoder opens: wav, flac, mp3, mp4, flv, …)." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the float32 .npy of shape [frames, dims] (written atomically).", Required = true };
        var kind = new Option<string>("--kind", "-k") { Description = "Feature: logmel, mfcc, energy (frame RMS dB) or f0 (f0_hz, voicing).", DefaultValueFactory = _ => "logmel" };
        kind.AcceptOnlyFromAmong(Kinds);
        var defaults = new FeatureOptions();
        var mels = new Option<int>("--mels") { Description = "Mel bands (logmel, mfcc).", DefaultValueFactory = _ => defaults.Mels };
        var mfcc = new Option<int>("--mfcc") { Description = "MFCCs kept, c0 first.", DefaultValueFactory = _ => defaults.Mfcc };
        var sampleRate = new Option<int>("--sample-rate") { Description = "Rate the input is decoded (and resampled) to, Hz.", DefaultValueFactory = _ => defaults.SampleRate };
        var window = new Option<int>("--win-length") { Description = "Analysis window in samples (400 = 25 ms at 16 kHz).", DefaultValueFactory = _ => defaults.WindowLength };
        var nfft = new Option<int?>("--n-fft") { Description = "FFT size in samples (default: the window length)." };
        var hop = new Option<int>("--hop") { Description = "Hop in samples (160 = 10 ms at 16 kHz).", DefaultValueFactory = _ => defaults.Hop };
        var fmin = new Option<float>("--f-min") { Description = "Lowest mel filter frequency, Hz.", DefaultValueFactory = _ => defaults.FMin };
        var fmax = new Option<float?>("--f-max") { Description = "Highest mel filter frequency, Hz (default: Nyquist)." };
        var f0Min = new Option<float>("--f0-min") { Description = "Lowest F0 searched, Hz.", DefaultValueFactory = _ => defaults.F0Min };
        var f0Max = new Option<float>("--f0-max") { Description = "Highest F0 searched, Hz.", DefaultValueFactory = _ => defaults.F0Max };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };

        var command = new Command("features", "Compute frame-level features (25 ms window, 10 ms hop, centred frames) of a media file into a .npy.");
        command.Arguments.Add(input);
        foreach (var o in new Option[] { output, kind, mels, mfcc, sampleRate, window, nfft, hop, fmin, fmax, f0Min, f0Max, threads }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(input)!;
            var target = parse.GetValue(output)!;
            try
            {
                var options = new FeatureOptions
                {
                    Kind = ParseKind(parse.GetValue(kind)!),
                    SampleRate = parse.GetValue(sampleRate),
                    WindowLength = parse.GetValue(window),
                    NFft = parse.GetValue(nfft) ?? parse.GetValue(window),
                    Hop = parse.GetValue(hop),
                    Mels = parse.GetValue(mels),
                    Mfcc = parse.GetValue(mfcc),
                    FMin = parse.GetValue(fmin),
                    FMax = parse.GetValue(fmax),
                    F0Min = parse.GetValue(f0Min),
                    F0Max = parse.GetValue(f0Max),
                };
                options.Validate();
                TorchRuntime.Start(Math.Max(1, parse.GetValue(threads)));
                var extractor = FeatureExtractors.Create(options);
                var clock = Stopwatch.StartNew();
                long frames = 0;
                using (var audio = AudioDecoder.Open(path, options.SampleRate))
                {
                    AtomicFile.Write(target, stream =>
                    {
                        var writer = new NpyWriter(stream, extractor.Dimension);
                        frames = extractor.Run(audio, writer);
                        writer.Complete();
                    });
                }
                double seconds = (double)(frames - 1) * options.Hop / options.SampleRate;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{target}: [{frames}, {extractor.Dimension}] {parse.GetValue(kind)} ({extractor.ColumnNames[0]} … {extractor.ColumnNames[^1]}), {seconds:0.##} s of audio in {clock.Elapsed.TotalSeconds:0.##} s"));
                return 0;
            }
            catch (MediaException e)
            {
                stderr.WriteLine($"serkit features: {e.Message}");
                return 1;
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"serkit features: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"serkit features: cannot write {target}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static FeatureKind ParseKind(string kind) => kind switch
    {
        "logmel" => FeatureKind.LogMel,
        "mfcc" => FeatureKind.Mfcc,
        "energy" => FeatureKind.Energy,
        "f0" => FeatureKind.F0,
        _ => throw new ArgumentException($"unknown feature kind '{kind}' (expected {string.Join(", ", Kinds)})"),
    };
}
