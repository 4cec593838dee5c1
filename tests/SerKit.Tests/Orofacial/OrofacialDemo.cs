using SerKit.Corpus;
using SerKit.Synthetic;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Orofacial;

/// <summary>
/// A demo corpus for the orofacial tests (its faces' mouths follow the speech envelope): 6 labelled speakers × 6 emotions × 2 utterances
/// and 4 unlabelled speakers × 6 utterances, generated once per test class. Split by speaker: training = s01–s04 and the unlabelled
/// speakers (72 utterances; the unlabelled ones train the landmarks only), validation = s05, test = s06 (12 each).
/// </summary>
public sealed class OrofacialDemo : IDisposable
{
    public OrofacialDemo()
    {
        Folder = RepoPaths.NewTempFolder("serkit-orofacial-demo");
        var result = DemoCorpus.Write(Folder, new DemoCorpusOptions
        {
            Speakers = 6, UtterancesPerEmotion = 2, UnlabelledSpeakers = 4, UnlabelledUtterances = 6, Seed = 7, Threads = 2,
        });
        var all = new Manifest(Folder, result.Labelled.Items.Concat(result.Unlabelled.Items));
        Train = Save(all.Where(u => u.Speaker is not ("s05" or "s06")), "train.csv");
        Valid = Save(all.Where(u => u.Speaker == "s05"), "valid.csv");
        Test = Save(all.Where(u => u.Speaker == "s06"), "test.csv");
    }

    public string Folder { get; }

    public string Faces => System.IO.Path.Combine(Folder, "faces");

    public Manifest Train { get; }

    public Manifest Valid { get; }

    public Manifest Test { get; }

    public string File(string name) => System.IO.Path.Combine(Folder, name);

    private Manifest Save(Manifest m, string name)
    {
        m.Save(File(name), ManifestFormat.SerKitCsv);
        return Manifest.Load(File(name));
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
