using System.Globalization;
using System.Text;
using SerKit.Face;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Face;

public class OpenFaceCsvTests
{
    private static FaceTrack RandomTrack(string path, int frames, int seed, bool landmarks = true)
    {
        var rng = new Random(seed);
        var r = FaceTrack.OpenFaceIntensityAus;
        var c = FaceTrack.OpenFacePresenceAus;
        var list = new List<FaceFrame>();
        for (int f = 0; f < frames; f++)
        {
            var x = new float[68];
            var y = new float[68];
            for (int i = 0; i < 68; i++)
            {
                x[i] = landmarks ? (float)(200 + 240 * rng.NextDouble()) : float.NaN;
                y[i] = landmarks ? (float)(150 + 200 * rng.NextDouble()) : float.NaN;
            }
            var ai = r.Select(_ => (float)(5 * rng.NextDouble())).ToArray();
            var ap = c.Select(_ => (float)rng.Next(2)).ToArray();
            if (f == 3) { ai[2] = float.NaN; x[5] = float.NaN; }
            bool ok = f != 4;
            list.Add(new FaceFrame(f + 1, 0, f / 30.0, ok ? 0.9 + 0.08 * rng.NextDouble() : 0.1, ok, x, y, ai, ap));
        }
        return new FaceTrack(path, list, r, c, landmarks);
    }

    [Fact]
    public void RoundTripKeepsEveryValueToOpenFacesDecimals()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "a.csv");
        var track = RandomTrack(path, 40, 1);
        OpenFaceCsv.Write(path, track);
        var back = OpenFaceCsv.Read(path);

        Assert.Equal(track.IntensityAus, back.IntensityAus);
        Assert.Equal(track.PresenceAus, back.PresenceAus);
        Assert.True(back.HasLandmarks);
        Assert.Equal(track.Frames.Count, back.Frames.Count);
        for (int f = 0; f < track.Frames.Count; f++)
        {
            var a = track.Frames[f];
            var b = back.Frames[f];
            Assert.Equal(a.Frame, b.Frame);
            Assert.Equal(a.FaceId, b.FaceId);
            Assert.Equal(a.Success, b.Success);
            Assert.Equal(a.Timestamp, b.Timestamp, 0.0005);
            Assert.Equal(a.Confidence, b.Confidence, 0.005);
            for (int i = 0; i < 68; i++)
            {
                AssertClose(a.X[i], b.X[i], 0.05f);
                AssertClose(a.Y[i], b.Y[i], 0.05f);
            }
            for (int i = 0; i < a.AuIntensity.Length; i++) AssertClose(a.AuIntensity[i], b.AuIntensity[i], 0.005f);
            Assert.Equal(a.AuPresence, b.AuPresence);
        }
        Assert.True(float.IsNaN(back.Frames[3].X[5]));
        Assert.True(float.IsNaN(back.Frames[3].AuIntensity[2]));
        Assert.False(back.Frames[4].Success);

        // Writing what was read gives the same bytes (the decimals are a fixed point).
        var again = Path.Combine(dir, "b.csv");
        OpenFaceCsv.Write(again, back);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
        Assert.Empty(Directory.GetFiles(dir, "*.partial"));
    }

    [Fact]
    public void WrittenColumnsFollowOpenFacesOrder()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "a.csv");
        var track = RandomTrack(path, 2, 2);
        OpenFaceCsv.Write(path, track);
        var header = File.ReadLines(path).First().Split(',');

        // OpenFace's own header, restricted to the columns SerKit has, keeps its order.
        var ours = new HashSet<string>(header);
        var expected = OpenFaceHeader.Full().Where(ours.Contains).ToArray();
        Assert.Equal(expected, header);
        Assert.Equal(5 + 136 + 17 + 18, header.Length);
        Assert.Equal(new[] { "frame", "face_id", "timestamp", "confidence", "success", "x_0", "x_1" }, header.Take(7));
        Assert.Equal("y_67", header[5 + 135]);
        Assert.Equal("AU01_r", header[141]);
        Assert.Equal("AU45_r", header[157]);
        Assert.Equal("AU01_c", header[158]);
        Assert.Equal("AU28_c", header[174]);
        Assert.Equal("AU45_c", header[^1]);
        Assert.Equal(header, OpenFaceCsv.Columns(track));
    }

    [Fact]
    public void ReadsOpenFaceStyleFileWithSpacesGapsFailuresAndNaN()
    {
        // A file as OpenFace 2.x writes it (", " separators, gaze/eye/pose/3-D/model columns in between,
        // CRLF, BOM), but with only four AU columns, a failed frame, and NaN spelled several ways.
        var header = OpenFaceHeader.Full(intensity: new[] { 1, 12 }, presence: new[] { 1, 12 });
        var rows = new List<string>();
        var culture = CultureInfo.InvariantCulture;
        for (int f = 1; f <= 4; f++)
        {
            var cells = new List<string>();
            foreach (var name in header)
            {
                string v = name switch
                {
                    "frame" => f.ToString(culture),
                    "face_id" => "0",
                    "timestamp" => ((f - 1) / 30.0).ToString("F3", culture),
                    "confidence" => f == 2 ? "0.03" : "0.98",
                    "success" => f == 2 ? "0" : "1",
                    "AU01_r" => f == 3 ? "-nan" : "0.50",
                    "AU12_r" => f == 4 ? "" : "2.25",
                    "AU01_c" => "0.0",
                    "AU12_c" => f == 4 ? "NaN" : "1.0",
                    _ when name.StartsWith("x_") => f == 2 ? "0.0" : (100 + int.Parse(name[2..], culture)).ToString("F1", culture),
                    _ when name.StartsWith("y_") => f == 3 && name == "y_10" ? "nan" : (300 + int.Parse(name[2..], culture) + 0.5).ToString("F1", culture),
                    _ when name.StartsWith("eye_lmk_x_") => "-999.0", // must not be mistaken for x_
                    _ when name.StartsWith("X_") => "-888.0",
                    _ => "0.125",
                };
                cells.Add(v);
            }
            rows.Add(string.Join(", ", cells));
        }
        var text = string.Join("\r\n", new[] { string.Join(", ", header) }.Concat(rows)) + "\r\n";
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "openface.csv");
        File.WriteAllText(path, text, new UTF8Encoding(true));

        var track = OpenFaceCsv.Read(path);
        Assert.True(track.HasLandmarks);
        Assert.Equal(new[] { 1, 12 }, track.IntensityAus);
        Assert.Equal(new[] { 1, 12 }, track.PresenceAus);
        Assert.Equal(4, track.Frames.Count);
        var f1 = track.Frames[0];
        Assert.Equal(1, f1.Frame);
        Assert.True(f1.Success);
        Assert.Equal(0.98, f1.Confidence);
        Assert.Equal(100f, f1.X[0]);
        Assert.Equal(110f, f1.X[10]);   // x_10, not x_1
        Assert.Equal(101f, f1.X[1]);
        Assert.Equal(367.5f, f1.Y[67]);
        Assert.Equal(0.5f, f1.AuIntensity[track.IntensityIndex(1)]);
        Assert.Equal(2.25f, f1.AuIntensity[track.IntensityIndex(12)]);  // AU12_r, not AU12_c
        Assert.Equal(1f, f1.AuPresence[track.PresenceIndex(12)]);
        Assert.True(f1.HasValidLandmarks());

        Assert.False(track.Frames[1].Success);
        Assert.False(track.Frames[1].HasValidLandmarks());
        Assert.True(float.IsNaN(track.Frames[2].AuIntensity[track.IntensityIndex(1)]));
        Assert.True(float.IsNaN(track.Frames[2].Y[10]));
        Assert.False(track.Frames[2].HasValidLandmarks());
        Assert.True(float.IsNaN(track.Frames[3].AuIntensity[track.IntensityIndex(12)]));
        Assert.True(float.IsNaN(track.Frames[3].AuPresence[track.PresenceIndex(12)]));
        Assert.Equal(0.1, track.Frames[3].Timestamp, 1e-9);
        Assert.Equal(-1, track.IntensityIndex(6));
    }

    [Fact]
    public void MissingRequiredColumnsAreNamed()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "noau6.csv");
        File.WriteAllText(path, "frame, face_id, timestamp, confidence, success, AU01_r, AU12_r, AU12_c\n1, 0, 0.000, 0.98, 1, 0.1, 2.0, 1\n");

        var track = OpenFaceCsv.Read(path);   // fine without requirements
        Assert.False(track.HasLandmarks);
        Assert.True(float.IsNaN(track.Frames[0].X[0]));

        var e = Assert.Throws<FaceTrackException>(() =>
            OpenFaceCsv.Read(path, new FaceRequirements { IntensityAus = new[] { 6, 12 }, PresenceAus = new[] { 6, 12 } }));
        Assert.Equal(path, e.Path);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("AU06_r", e.Message);
        Assert.Contains("AU06_c", e.Message);
        Assert.DoesNotContain("AU12_r,", e.Problem.Split('(')[0]);

        var l = Assert.Throws<FaceTrackException>(() => track.Require(new FaceRequirements { Landmarks = true }));
        Assert.Contains("x_0..x_67", l.Message);
        Assert.Contains(path, l.Message);

        var core = Path.Combine(dir, "nosuccess.csv");
        File.WriteAllText(core, "frame,timestamp,confidence\n1,0,0.9\n");
        var c = Assert.Throws<FaceTrackException>(() => OpenFaceCsv.Read(core));
        Assert.Contains("success", c.Problem);
        Assert.Contains(core, c.Message);

        var partial = Path.Combine(dir, "partial.csv");
        File.WriteAllText(partial, "frame,timestamp,confidence,success,x_0,y_0\n1,0,0.9,1,3,4\n");
        var p = Assert.Throws<FaceTrackException>(() => OpenFaceCsv.Read(partial));
        Assert.Contains("x_1", p.Problem);
    }

    [Fact]
    public void BadCellsAndRaggedRowsNameLineAndColumn()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "bad.csv");
        File.WriteAllText(path, "frame,face_id,timestamp,confidence,success,AU04_r\n1,0,0,0.9,1,0.2\n2,0,0.033,0.9,1,high\n");
        var e = Assert.Throws<FaceTrackException>(() => OpenFaceCsv.Read(path));
        Assert.Contains("line 3", e.Problem);
        Assert.Contains("AU04_r", e.Problem);
        Assert.Contains("'high'", e.Problem);

        File.WriteAllText(path, "frame,face_id,timestamp,confidence,success\n1,0,0,0.9\n");
        Assert.Contains("fields", Assert.Throws<FaceTrackException>(() => OpenFaceCsv.Read(path)).Problem);

        File.WriteAllText(path, "");
        Assert.Contains("empty", Assert.Throws<FaceTrackException>(() => OpenFaceCsv.Read(path)).Problem);

        Assert.Contains("not found", Assert.Throws<FaceTrackException>(() => OpenFaceCsv.Read(Path.Combine(dir, "none.csv"))).Problem);
    }

    private static void AssertClose(float expected, float actual, float tolerance)
    {
        if (float.IsNaN(expected)) Assert.True(float.IsNaN(actual));
        else Assert.InRange(actual, expected - tolerance, expected + tolerance);
    }
}
