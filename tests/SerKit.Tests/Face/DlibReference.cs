using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SerKit.Face;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Face;

/// <summary>
/// dlib 19.24's own C++ shape_predictor and face detector (tools/dlib_landmarks.cpp, built at
/// test time with g++ against Debian's libdlib-dev), and the material the parity tests use.
/// Outside CI, missing g++/libdlib-dev/material skip the test; in CI they fail it.
/// </summary>
internal static class DlibReference
{
    private static readonly object Gate = new();

    /// <summary>The 68-point model from Debian's libdlib-data.</summary>
    public static string ModelPath()
    {
        var root = FixtureCache.DebianPackage("libdlib-data");
        return FixtureCache.RequireFile(Path.Combine(root, "usr/share/dlib/shape_predictor_68_face_landmarks.dat"), "dlib's 68-landmark model");
    }

    /// <summary>Builds (once, cached by source hash) and returns the path of the dlib_landmarks tool.</summary>
    public static string Tool()
    {
        FixtureCache.RequireProgram("g++", "builds the dlib C++ reference tool");
        if (!File.Exists("/usr/include/dlib/image_processing/shape_predictor.h"))
            FixtureCache.Unavailable("dlib's C++ headers are not installed (apt-get install libdlib-dev)");
        var source = Path.Combine(RepoPaths.Root, "tools", "dlib_landmarks.cpp");
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(source)))[..16].ToLowerInvariant();
        var exe = Path.Combine(RepoPaths.Root, ".cache", "tools", $"dlib_landmarks-{hash}");
        lock (Gate)
        {
            if (File.Exists(exe)) return exe;
            Directory.CreateDirectory(Path.GetDirectoryName(exe)!);
            var partial = exe + $".{Environment.ProcessId}.partial";
            Run("g++", ["-O2", "-std=c++14", source, "-o", partial, "-ldlib", "-lblas", "-llapack"], TimeSpan.FromMinutes(5));
            File.Move(partial, exe, overwrite: true);
            return exe;
        }
    }

    /// <summary>dlib's points for each face (whole pixels), in the order given.</summary>
    public static List<int[]> Fit(string model, IReadOnlyList<(string Image, FaceBox Box)> faces, string workDir)
    {
        var list = Path.Combine(workDir, $"faces-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(list, faces.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{f.Image} {f.Box.Left} {f.Box.Top} {f.Box.Width} {f.Box.Height}")));
        var output = Run(Tool(), ["fit", model, list], TimeSpan.FromMinutes(2));
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(faces.Count, rows.Count);
        return rows;
    }

    /// <summary>Faces found by dlib's frontal face detector in each PGM image.</summary>
    public static List<(string Image, FaceBox Box)> Detect(IEnumerable<string> images)
    {
        var output = Run(Tool(), ["detect", .. images], TimeSpan.FromMinutes(2));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
        {
            var f = l.Split(' ');
            float V(int i) => float.Parse(f[i], CultureInfo.InvariantCulture);
            return (f[0], new FaceBox(V(1), V(2), V(3), V(4)));
        }).ToList();
    }

    /// <summary>Converts any image or video frames to binary gray PGM with the ffmpeg CLI.</summary>
    public static void ToPgm(string input, string outputPattern, params string[] extra)
    {
        FixtureCache.RequireProgram("ffmpeg", "decodes the test images to gray PGM");
        Run("ffmpeg", ["-v", "error", "-y", "-i", input, .. extra, "-pix_fmt", "gray", "-f", "image2", outputPattern], TimeSpan.FromMinutes(2));
    }

    public static string Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}");
        }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}: {err.Result}");
        return output;
    }
}
