using System.Globalization;
using SerKit.Corpus;
using SerKit.Media;
using SerKit.Synthetic;

namespace SerKit.Bench;

/// <summary>
/// Extraction of a one-hour file by the real CLI (<c>serkit extract -j 1</c>) beside a
/// one-minute file: peak resident memory (GNU time's maximum RSS) and time per hour of
/// audio, for the log-mel alone and for all four feature kinds.
/// </summary>
public sealed class ExtractHourBenchmark : IBenchmark
{
    public string Name => "extract-hour";
    public string Description => "peak memory and time to extract features of a 1 h file vs a 1 min file (real CLI, one worker)";

    public int Run(string[] args)
    {
        var work = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "serkit-bench-extract-hour");
        Directory.CreateDirectory(work);
        if (!File.Exists("/usr/bin/time")) { Console.Error.WriteLine("needs GNU time (/usr/bin/time, Debian package 'time')"); return 2; }
        var files = new[] { ("1min", 60.0), ("1h", 3600.0) };
        foreach (var (name, seconds) in files)
        {
            var wav = Path.Combine(work, name + ".wav");
            if (!File.Exists(wav))
            {
                Console.Error.WriteLine($"writing {wav} ({seconds} s of synthetic speech)");
                WavFile.Write(wav, Speech(seconds), 16000);
            }
            new Manifest(work, new[] { new Utterance(name, name + ".wav", "spk01", null) })
                .Save(Path.Combine(work, name + ".csv"), ManifestFormat.SerKitCsv);
        }
        Console.WriteLine("| features | file | audio | wall | CPU (user+sys) | CPU s per hour of audio | peak RSS |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var kinds in new[] { "logmel", "logmel,mfcc,energy,f0" })
        {
            foreach (var (name, seconds) in files)
            {
                var outDir = Path.Combine(work, "out-" + kinds.Replace(',', '-') + "-" + name);
                if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
                var (wall, cpu, rssKb) = TimeCli("extract", "--manifest", Path.Combine(work, name + ".csv"), "-o", outDir, "--kind", kinds, "-j", "1");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {kinds} | {name} | {seconds / 60:0} min | {wall:0.0} s | {cpu:0.0} s | {cpu * 3600 / seconds:0.0} s | {rssKb / 1024.0:0} MiB |"));
            }
        }
        return 0;
    }

    /// <summary>Speech-like audio: one-minute blocks of the synthetic voice, each with another speaker and emotion.</summary>
    private static float[] Speech(double seconds)
    {
        var synth = new VoiceSynthesizer();
        var result = new float[(int)(seconds * 16000)];
        int pos = 0, block = 0;
        while (pos < result.Length)
        {
            var emotion = EmotionProsody.Classes[block % EmotionProsody.Classes.Count];
            var voice = EmotionProsody.Apply(new VoiceParameters { F0 = block % 2 == 0 ? 115 : 205, FormantScale = block % 2 == 0 ? 1 : 1.17 }, emotion);
            var x = synth.Render(voice, Math.Min(60, (result.Length - pos) / 16000.0), block);
            x.CopyTo(result.AsSpan(pos));
            pos += x.Length;
            block++;
        }
        return result;
    }

    private static (double Wall, double Cpu, long RssKb) TimeCli(params string[] args)
    {
        var r = TimedCli.Run(null, args);
        return (r.Wall, r.Cpu, r.MaxRssKb);
    }
}
