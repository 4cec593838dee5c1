using System.Globalization;
using SerKit.Corpus;

namespace SerKit.Bench;

/// <summary>
/// An audiovisual corpus of real material for the scale benchmark, built once with FFmpeg in the ignored
/// cache (<c>.cache/scale/</c>): franck.mp4 (a real talking face, 200 s at 24 fps, no audio) cut into clips,
/// every cut also mirrored (hflip), each clip muxed with real read speech (the LibriVox WAVs of
/// Debian's pocketsphinx-testdata, concatenated and looped, every clip starting at another offset) as mono
/// 16 kHz AAC. A <c>manifest.csv</c> (SerKit CSV, one row per clip, the clip as its own audio and video)
/// lists them. The folder is complete once <c>manifest.csv</c> exists.
/// </summary>
internal static class ScaleCorpus
{
    /// <summary>The manifest of <paramref name="clips"/> clips of <paramref name="clipSeconds"/> s each (built when missing).</summary>
    public static string Build(int clips, int clipSeconds, TextWriter log)
    {
        var folder = Path.Combine(BenchRepo.Cache, "scale", $"corpus-{clips}x{clipSeconds}s");
        var manifest = Path.Combine(folder, "manifest.csv");
        if (File.Exists(manifest)) return manifest;

        var franck = FacePipelineMaterial.Franck();
        var wavs = LibriVoxFiles.Locate();
        var work = Path.Combine(BenchRepo.Cache, "scale", $"segments-{clipSeconds}s"); // shared by corpora of any size
        var clipDir = Path.Combine(folder, "clips");
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(clipDir);

        // 1. The speech: the five LibriVox WAVs back to back (24.7 s), looped below.
        var speech = Path.Combine(work, "speech.wav");
        if (!File.Exists(speech))
        {
            var args = new List<string> { "-v", "error", "-y" };
            foreach (var w in wavs) args.AddRange(new[] { "-i", w });
            args.AddRange(new[] { "-filter_complex", $"concat=n={wavs.Length}:v=0:a=1", "-ar", "16000", "-ac", "1", speech + ".tmp.wav" });
            Ffmpeg(args);
            File.Move(speech + ".tmp.wav", speech);
        }
        double speechSeconds = WavSeconds(speech);

        // 2. The video segments: every clipSeconds of franck.mp4, as is and mirrored (H.264, re-encoded once).
        int cuts = 200 / clipSeconds;
        var bases = new List<string>();
        for (int flip = 0; flip < 2; flip++)
            for (int c = 0; c < cuts; c++)
                bases.Add(Path.Combine(work, $"v{c:D2}{(flip == 1 ? "m" : "")}.mp4"));
        log.WriteLine($"scale corpus: {bases.Count} video segments of {clipSeconds} s from {franck}");
        Parallel.For(0, bases.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            if (File.Exists(bases[i])) return;
            int c = i % cuts;
            var tmp = bases[i] + ".tmp.mp4";
            var args = new List<string> { "-v", "error", "-y", "-ss", (c * clipSeconds).ToString(CultureInfo.InvariantCulture), "-i", franck,
                "-t", clipSeconds.ToString(CultureInfo.InvariantCulture), "-an" };
            if (i >= cuts) args.AddRange(new[] { "-vf", "hflip" });
            args.AddRange(new[] { "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", tmp });
            Ffmpeg(args);
            File.Move(tmp, bases[i]);
        });

        // 3. The speech looped so that every clip's window fits (input seeking in a WAV is exact; seeking a
        //    looped input is not: it leaves pre-roll packets that decoders play).
        int loops = (int)Math.Ceiling((speechSeconds + clipSeconds) / speechSeconds);
        var looped = Path.Combine(work, $"speech-x{loops}.wav");
        if (!File.Exists(looped))
        {
            Ffmpeg(new List<string> { "-v", "error", "-y", "-stream_loop", (loops - 1).ToString(CultureInfo.InvariantCulture), "-i", speech, "-c", "copy", looped + ".tmp.wav" });
            File.Move(looped + ".tmp.wav", looped);
        }

        // 4. The clips: segment i mod (2 × cuts), speech from offset i × 7.3 s (mod its length), AAC mono 16 kHz.
        log.WriteLine($"scale corpus: muxing {clips} clips with speech from {wavs.Length} LibriVox WAVs ({speechSeconds:0.0} s, looped)");
        var items = new Utterance[clips];
        Parallel.For(0, clips, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var name = $"clip{i:D4}.mp4";
            var target = Path.Combine(clipDir, name);
            items[i] = new Utterance($"clip{i:D4}", "clips/" + name, "franck", null);
            if (File.Exists(target)) return;
            double offset = i * 7.3 % speechSeconds;
            var seconds = clipSeconds.ToString(CultureInfo.InvariantCulture);
            var tmp = target + ".tmp.mp4";
            Ffmpeg(new List<string> { "-v", "error", "-y", "-i", bases[i % bases.Count],
                "-ss", offset.ToString("0.000", CultureInfo.InvariantCulture), "-t", seconds, "-i", looped,
                "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-b:a", "48k", "-ac", "1", "-ar", "16000", "-t", seconds, tmp });
            File.Move(tmp, target);
        });
        new Manifest(folder, items).Save(manifest, ManifestFormat.SerKitCsv);
        return manifest;
    }

    private static double WavSeconds(string path)
    {
        using var reader = SerKit.Media.WavReader.TryOpen(path) ?? throw new InvalidOperationException($"{path}: not a WAV file");
        return (double)(reader.TotalFrames ?? throw new InvalidOperationException($"{path}: unknown length")) / reader.SampleRate;
    }

    private static void Ffmpeg(List<string> args)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ffmpeg", args) { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("cannot start ffmpeg");
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {err}");
    }
}
