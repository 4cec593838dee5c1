using SerKit.Synthetic;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Synthetic;

/// <summary>One small demo corpus generated once and shared by the tests that only read it.</summary>
public sealed class SmallDemoCorpus : IDisposable
{
    /// <summary>The xUnit collection of the tests that share it.</summary>
    public const string Collection = "small demo corpus";

    public static readonly DemoCorpusOptions Options = new()
    {
        Speakers = 4, UtterancesPerEmotion = 3, UnlabelledSpeakers = 2, UnlabelledUtterances = 6, Seed = 11,
    };

    public SmallDemoCorpus()
    {
        Folder = RepoPaths.NewTempFolder("serkit-demo-corpus");
        Result = DemoCorpus.Write(Folder, Options);
    }

    public string Folder { get; }

    public DemoCorpusResult Result { get; }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>Declares the collection so its tests share one <see cref="SmallDemoCorpus"/>.</summary>
[CollectionDefinition(SmallDemoCorpus.Collection)]
public sealed class SmallDemoCorpusCollection : ICollectionFixture<SmallDemoCorpus>;
