using System.Globalization;
using System.Xml.Linq;
using SerKit.Face;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Face;

/// <summary>
/// The annotated example faces Debian ships with dlib (package libdlib19.1,
/// /usr/share/doc/libdlib19.1/examples/faces): PASCAL VOC images with a face box and 68 points
/// per face in training_with_face_landmarks.xml and testing_with_face_landmarks.xml. The files
/// say the points were placed by dlib's 68-landmark model (then checked by hand), whole pixels.
/// </summary>
internal sealed record DlibExampleFace(string Jpeg, string Pgm, FaceBox Box, float[] X, float[] Y)
{
    private static readonly object Gate = new();

    public static List<DlibExampleFace> Load()
    {
        var root = FixtureCache.DebianPackage("libdlib19.1");
        var folder = Path.Combine(root, "usr/share/doc/libdlib19.1/examples/faces");
        var faces = new List<DlibExampleFace>();
        foreach (var xml in new[] { "training_with_face_landmarks.xml", "testing_with_face_landmarks.xml" })
        {
            var doc = XDocument.Load(FixtureCache.RequireFile(Path.Combine(folder, xml), "dlib's annotated example faces"));
            foreach (var image in doc.Descendants("image"))
            {
                var jpeg = Path.Combine(folder, (string)image.Attribute("file")!);
                var pgm = Path.Combine(RepoPaths.FixtureCache, "dlib-faces-pgm", Path.ChangeExtension(Path.GetFileName(jpeg), ".pgm"));
                lock (Gate)
                {
                    if (!File.Exists(pgm))
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(pgm)!);
                        var partial = pgm + $".{Environment.ProcessId}.partial.pgm";
                        DlibReference.ToPgm(jpeg, partial);
                        File.Move(partial, pgm, overwrite: true);
                    }
                }
                foreach (var box in image.Elements("box"))
                {
                    float A(string n) => float.Parse((string)box.Attribute(n)!, CultureInfo.InvariantCulture);
                    var x = new float[68];
                    var y = new float[68];
                    foreach (var part in box.Elements("part"))
                    {
                        int k = int.Parse((string)part.Attribute("name")!, CultureInfo.InvariantCulture);
                        x[k] = float.Parse((string)part.Attribute("x")!, CultureInfo.InvariantCulture);
                        y[k] = float.Parse((string)part.Attribute("y")!, CultureInfo.InvariantCulture);
                    }
                    faces.Add(new DlibExampleFace(jpeg, pgm, new FaceBox(A("left"), A("top"), A("width"), A("height")), x, y));
                }
            }
        }
        return faces;
    }
}
