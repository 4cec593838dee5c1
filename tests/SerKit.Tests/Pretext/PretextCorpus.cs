using System.Text;
using SerKit.Face;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Pretext;

/// <summary>
/// A small audiovisual corpus for the pretext tests: 2 speakers × 4 utterances of tones at known
/// levels (speaker s2 is 20 dB quieter) and face tracks whose mouth motion and AUs are known:
/// <c>s1_0</c>…<c>s2_3</c>. Utterance k of each speaker moves its mouth k+1 px (s2: 1.25·(k+1) px) every other frame
/// and shows happiness (k = 0), sadness (k = 1), nothing (k = 2) or surprise in 5 % of frames
/// (k = 3, so neutral). <c>s2_3</c> has no face CSV; <c>s2_2</c>'s face CSV is malformed
/// (no <c>confidence</c> column).
/// </summary>
internal sealed class PretextCorpus
{
    public static readonly string[] Ids = ["s1_0", "s1_1", "s1_2", "s1_3", "s2_0", "s2_1", "s2_2", "s2_3"];

    public string Root { get; } = RepoPaths.NewTempFolder("serkit-pretext");

    public string Manifest => Path.Combine(Root, "labelled.csv");

    public string Faces => Path.Combine(Root, "faces");

    public static double Level(string id) => (id.StartsWith("s1") ? -12 : -32) - 4 * (id[^1] - '0');

    public static PretextCorpus Create()
    {
        var c = new PretextCorpus();
        var manifest = new StringBuilder("id,path,speaker,label\n");
        foreach (var id in Ids)
        {
            int k = id[^1] - '0';
            Tones.Write(Path.Combine(c.Root, "wav", id + ".wav"), (0.2, null), (1.0, Level(id)), (0.2, null));
            manifest.Append($"{id},wav/{id}.wav,{id[..2]},NEU\n");
            if (id == "s2_3") continue;
            var path = Path.Combine(c.Faces, id + ".csv");
            if (id == "s2_2")
            {
                Directory.CreateDirectory(c.Faces);
                File.WriteAllText(path, "frame, face_id, timestamp, success\n1, 0, 0.000, 1\n");
                continue;
            }
            int[] aus = k switch { 0 => [6, 12], 1 => [1, 4, 15], _ => [] };
            var track = TestFaces.Aus(Enumerable.Range(0, 40).Select(i => k == 3 && i < 2 ? new[] { 1, 2, 5, 26 } : aus).ToArray(),
                path: path, motion: (k + 1) * (id.StartsWith("s2") ? 1.25 : 1));
            Directory.CreateDirectory(c.Faces);
            OpenFaceCsv.Write(path, track);
        }
        File.WriteAllText(c.Manifest, manifest.ToString());
        return c;
    }
}
