using SerKit.Corpus;
using SerKit.Face;
using SerKit.Orofacial;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Modeling;
using SerKit.Tests.Pretext;

namespace SerKit.Tests.Orofacial;

/// <summary>Manifest + face-track folder + features → orofacial utterances: speaker reference, mean shape, skipped utterances.</summary>
public class OrofacialDataSetTests
{
    private static (Manifest Manifest, string Faces, MemoryFeatureSource Features) Corpus()
    {
        var dir = RepoPaths.NewTempFolder();
        var faces = Path.Combine(dir, "faces");
        Directory.CreateDirectory(faces);
        var features = new MemoryFeatureSource(3);
        var items = new List<Utterance>();
        // Speaker A opens the mouth by 2 px, speaker B by 10 px plus k px per utterance; 30 fps tracks, 1 s.
        foreach (var (id, speaker, open) in new[] { ("a1", "A", 2.0), ("a2", "A", 2.0), ("b1", "B", 10.0), ("b2", "B", 11.0), ("c1", "C", 4.0) })
        {
            items.Add(new Utterance(id, $"{id}.wav", speaker, "NEU"));
            features.Add(id, new float[101 * 3]);
            if (id == "c1") continue; // no face track
            var frames = Enumerable.Range(0, 30).Select(k => TestFaces.Frame(k, TestFaces.Pose(open)));
            OpenFaceCsv.Write(Path.Combine(faces, id + ".csv"), TestFaces.Landmarks(frames, Path.Combine(faces, id + ".csv")));
        }
        items.Add(new Utterance("d1", "d1.wav", "D", null));
        features.Add("d1", new float[50 * 3]);
        // d1's track never has a valid frame.
        OpenFaceCsv.Write(Path.Combine(faces, "d1.csv"), TestFaces.Landmarks(Enumerable.Range(0, 15).Select(k => TestFaces.Frame(k, TestFaces.Pose(0), success: false)), Path.Combine(faces, "d1.csv")));
        return (new Manifest(dir, items), faces, features);
    }

    [Fact]
    public void TargetsAreMovementsAroundTheSpeakersMeanShape()
    {
        var (manifest, faces, features) = Corpus();
        var set = OrofacialDataSet.Build(manifest, faces, features, 0.01, new OrofacialDataOptions(), workers: 2);
        Assert.Equal(new[] { "a1", "a2", "b1", "b2" }, set.Items.Select(u => u.Id));
        Assert.Equal(new[] { "c1", "d1" }, set.Skipped.Select(s => s.Id));
        Assert.Contains("no face track", set.Skipped[0].Reason);
        Assert.Contains("no valid face frame", set.Skipped[1].Reason);
        var a1 = set.Items[0];
        Assert.Equal(101, a1.Frames);
        // Tracks end at 29/30 s: feature frames up to 0.98 s (half a frame later) have landmarks.
        Assert.Equal(99, a1.ValidFrames);
        var row = new float[OrofacialPoints.Outputs];
        int lipY = OrofacialPoints.Count + OrofacialPoints.IndexOf(66);
        a1.Targets(10, row);
        Assert.All(row, v => Assert.Equal(0, v, 6)); // speaker A never moves
        set.Items[2].Targets(10, row);
        Assert.Equal(-0.005, row[lipY], 5); // b1 opens 0.5 px less than B's mean (10.5 px) of a 100 px inter-ocular distance
        set.Items[3].Targets(10, row);
        Assert.Equal(0.005, row[lipY], 5);
        // The mean shape is over all valid frames before the speaker means are removed: mouth opened by (2 + 2 + 10 + 11) / 4 px.
        Assert.Equal((75 + 4 - 8 + 6.25) / 100, set.MeanShape[68 + 66], 5);
    }

    [Fact]
    public void AbsoluteTargetsKeepTheNormalisedCoordinates()
    {
        var (manifest, faces, features) = Corpus();
        var set = OrofacialDataSet.Build(manifest, faces, features, 0.01, new OrofacialDataOptions { Reference = TargetReference.Absolute });
        var row = new float[OrofacialPoints.Outputs];
        set.Items[2].Targets(0, row);
        Assert.Equal((75 + 4 - 8 + 10) / 100.0, row[OrofacialPoints.Count + OrofacialPoints.IndexOf(66)], 5);
        Assert.Equal(-0.9, row[OrofacialPoints.IndexOf(0)], 5); // jaw point 0 at x = −90 px
        Assert.Equal("x_0", OrofacialPoints.OutputName(0));
        Assert.Equal("y_67", OrofacialPoints.OutputName(73));
    }

    [Fact]
    public void AManifestWithoutAnyTrackIsAnError()
    {
        var (manifest, _, features) = Corpus();
        var empty = RepoPaths.NewTempFolder();
        var e = Assert.Throws<ArgumentException>(() => OrofacialDataSet.Build(manifest, empty, features, 0.01));
        Assert.Contains("no utterance has a usable face track", e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => OrofacialDataSet.Build(manifest, Path.Combine(empty, "nope"), features, 0.01));
    }
}
