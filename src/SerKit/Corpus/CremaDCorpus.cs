namespace SerKit.Corpus;

/// <summary>CREMA-D read from its folder: the manifest and what happened on the way.</summary>
public sealed class CremaDCorpus
{
    internal CremaDCorpus(Manifest manifest, CremaDLabelRule rule, CremaDRatings ratings, int audioFiles,
        int unlabelled, int withoutVotes, bool keptUnlabelled, int withVideo)
    {
        Manifest = manifest;
        Rule = rule;
        Ratings = ratings;
        AudioFiles = audioFiles;
        Unlabelled = unlabelled;
        WithoutVotes = withoutVotes;
        KeptUnlabelled = keptUnlabelled;
        WithVideo = withVideo;
        LabelCounts = manifest.Items.Where(u => u.Label is not null).GroupBy(u => u.Label!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>The utterances (ids are file stems, speakers are actor ids, paths <c>AudioWAV/…</c>).</summary>
    public Manifest Manifest { get; }

    /// <summary>The label rule used.</summary>
    public CremaDLabelRule Rule { get; }

    /// <summary>The rating session whose votes were used (irrelevant for <see cref="CremaDLabelRule.Intended"/>).</summary>
    public CremaDRatings Ratings { get; }

    /// <summary>WAV files found in AudioWAV.</summary>
    public int AudioFiles { get; }

    /// <summary>Files that have no label under the rule (no votes, no majority, or a plurality tie).</summary>
    public int Unlabelled { get; }

    /// <summary>Files with no row in the votes file for the chosen rating session.</summary>
    public int WithoutVotes { get; }

    /// <summary>Whether unlabelled files are in the manifest (label empty) or were left out.</summary>
    public bool KeptUnlabelled { get; }

    /// <summary>Files whose VideoFlash/&lt;stem&gt;.flv exists (extra field <c>video</c>).</summary>
    public int WithVideo { get; }

    /// <summary>Utterances per label in the manifest.</summary>
    public IReadOnlyDictionary<string, int> LabelCounts { get; }
}
