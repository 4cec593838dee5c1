using System.Globalization;
using System.Text;
using SerKit.Synthetic;

namespace SerKit.Tests.Fixtures;

/// <summary>
/// A small CREMA-D-shaped audiovisual corpus for end-to-end tests, in CREMA-D's own layout:
/// <list type="bullet">
/// <item><c>AudioWAV/&lt;actor&gt;_&lt;sentence&gt;_&lt;emotion&gt;_&lt;level&gt;.wav</c>: real CREMA-D file names (actors from 1001, its 12
/// sentences, 6 emotions; IEO spoken at LO/MD/HI, everything else XX), generated emotional speech
/// (<see cref="GeneratedSpeech"/>: one voice per actor, odd actors female), 16 kHz mono, 1.2–2.0 s.</item>
/// <item><c>VideoFlash/&lt;same stem&gt;.flv</c>: a segment of the real talking face franck.mp4 (a different offset per actor and
/// clip), 320×256, 30 fps, Sorenson H.263, with the clip's WAV as MP3 sound track (<see cref="TalkingFaceVideo.Flv"/>).</item>
/// <item><c>processedResults/tabulatedVotes.csv</c> in CREMA-D's layout (<see cref="CremaDTree.WriteVotesTable"/>) with voice,
/// face and audio-visual rows, and <c>VideoDemographics.csv</c>.</item>
/// </list>
/// Voice votes (10 raters): the intended emotion gets 6–9 votes, except, with rater disagreement on, every 8th clip
/// (position 6 mod 8 in actor-then-clip order) where the next emotion gets the majority (6, intended 3) and every 8th
/// (position 7) where nobody has a majority (4/3/3), which the majority rule leaves unlabelled. Face rows give the
/// intended emotion 8 of 10 votes, audio-visual rows 7 of 10. Built once per parameter set into the ignored cache
/// (<see cref="TreeCache"/>); needs ffmpeg and franck.mp4 (skipped outside CI when missing, failed in CI).
/// </summary>
public sealed class CremaDAudiovisualTree
{
    /// <summary>Bumped whenever the builder changes what it writes (it is part of the cache key).</summary>
    private const int Version = 1;

    public static readonly string[] Emotions = CremaDTree.Emotions;

    /// <summary>CREMA-D's 12 sentence codes.</summary>
    public static readonly string[] Sentences = { "IEO", "TIE", "IOM", "IWW", "TAI", "MTI", "IWL", "ITH", "DFA", "ITS", "TSI", "WSI" };

    private readonly Dictionary<string, Clip> _clips;

    private sealed record Clip(string Stem, int Actor, int Index, double Seconds, double VideoStart, int[] VoiceVotes);

    private CremaDAudiovisualTree(string root, int actors, int clipsPerActor, bool raterDisagreement)
    {
        Root = root;
        Actors = actors;
        ClipsPerActor = clipsPerActor;
        RaterDisagreement = raterDisagreement;
        _clips = Plan(actors, clipsPerActor, raterDisagreement).ToDictionary(c => c.Stem, StringComparer.Ordinal);
        Stems = _clips.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The tree for these parameters, built on first use (a few seconds) and cached. <paramref name="actors"/> 1–91
    /// (at least 8 for speaker folds), <paramref name="clipsPerActor"/> 1–72 (distinct sentence/emotion/level per actor).
    /// </summary>
    public static CremaDAudiovisualTree Get(int actors = 8, int clipsPerActor = 3, bool raterDisagreement = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(actors, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actors, 91);
        ArgumentOutOfRangeException.ThrowIfLessThan(clipsPerActor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clipsPerActor, 72);
        var key = $"crema-d-av-v{Version}-a{actors}-c{clipsPerActor}-{(raterDisagreement ? "disagree" : "agree")}";
        var root = TreeCache.GetOrBuild(key, work => new CremaDAudiovisualTree(work, actors, clipsPerActor, raterDisagreement).Build());
        return new CremaDAudiovisualTree(root, actors, clipsPerActor, raterDisagreement);
    }

    /// <summary>The corpus root (holds AudioWAV, VideoFlash, processedResults).</summary>
    public string Root { get; }

    public int Actors { get; }

    public int ClipsPerActor { get; }

    public bool RaterDisagreement { get; }

    /// <summary>All clip stems (e.g. <c>1001_IEO_ANG_HI</c>), ordinal order.</summary>
    public IReadOnlyList<string> Stems { get; }

    /// <summary>The actor ids, "1001" on.</summary>
    public IEnumerable<string> ActorIds => Enumerable.Range(0, Actors).Select(i => (1001 + i).ToString(CultureInfo.InvariantCulture));

    public string VotesFile => Path.Combine(Root, "processedResults", "tabulatedVotes.csv");

    public string WavPath(string stem) => Path.Combine(Root, "AudioWAV", stem + ".wav");

    public string FlvPath(string stem) => Path.Combine(Root, "VideoFlash", stem + ".flv");

    /// <summary>The actor (speaker) of a clip: the first field of its name.</summary>
    public static string ActorOf(string stem) => stem[..4];

    /// <summary>The intended emotion of a clip: the third field of its name.</summary>
    public static string Intended(string stem) => stem.Split('_')[2];

    /// <summary>Length of the clip's WAV in seconds (its video has the same length).</summary>
    public double Seconds(string stem) => _clips[stem].Seconds;

    /// <summary>Where in franck.mp4 the clip's video starts (s).</summary>
    public double VideoStart(string stem) => _clips[stem].VideoStart;

    /// <summary>The voice-session vote counts of a clip in A, D, F, H, N, S order.</summary>
    public IReadOnlyList<int> VoiceVotes(string stem) => _clips[stem].VoiceVotes;

    /// <summary>The emotion with more than half of the voice votes, or null when none has.</summary>
    public string? MajorityLabel(string stem)
    {
        var v = _clips[stem].VoiceVotes;
        int best = Array.IndexOf(v, v.Max());
        return 2 * v[best] > v.Sum() ? Emotions[best] : null;
    }

    private static IEnumerable<Clip> Plan(int actors, int clipsPerActor, bool disagreement)
    {
        for (int i = 0; i < actors; i++)
        {
            int actor = 1001 + i;
            for (int j = 0; j < clipsPerActor; j++)
            {
                var sentence = Sentences[(i + j) % Sentences.Length];
                var emotion = Emotions[(i + j + j / Sentences.Length) % Emotions.Length];
                var level = sentence == "IEO" && emotion != "NEU" ? new[] { "LO", "MD", "HI" }[(i + j) % 3] : "XX";
                var stem = $"{actor}_{sentence}_{emotion}_{level}";
                var rng = SynthRandom.For(actor, "clip/" + stem);
                double seconds = Math.Round(rng.Uniform(1.2, 2.0), 2);
                double start = Math.Round(1 + (i * 23.7 + j * 2.9) % (TalkingFaceVideo.SourceSeconds - 4), 2);
                yield return new Clip(stem, actor, j, seconds, start, Votes(emotion, disagreement ? (i * clipsPerActor + j) % 8 : j % 4));
            }
        }
    }

    /// <summary>Voice votes of a clip with intended <paramref name="e"/> by pattern (see the class remarks).</summary>
    private static int[] Votes(string e, int pattern) => pattern switch
    {
        6 => CremaDTree.Counts((CremaDTree.Next(e, 1), 6), (e, 3), (CremaDTree.Next(e, 2), 1)),
        7 => CremaDTree.Counts((e, 4), (CremaDTree.Next(e, 1), 3), (CremaDTree.Next(e, 2), 3)),
        _ => CremaDTree.Counts((e, 6 + pattern % 4), (CremaDTree.Next(e, 1), 4 - pattern % 4)),
    };

    private void Build()
    {
        // Material first, on the test's thread: a skip thrown inside Parallel.ForEach would arrive wrapped as a failure.
        Media.FfmpegCli.Require();
        Face.FaceMaterial.Franck();
        Directory.CreateDirectory(Path.Combine(Root, "AudioWAV"));
        Directory.CreateDirectory(Path.Combine(Root, "VideoFlash"));
        var voices = Enumerable.Range(0, Actors).ToDictionary(i => 1001 + i, i => GeneratedSpeech.Speaker("crema-d/" + (1001 + i), female: i % 2 == 1));
        var clips = _clips.Values.OrderBy(c => c.Stem, StringComparer.Ordinal).ToArray();
        Parallel.ForEach(clips, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, c =>
        {
            var wav = WavPath(c.Stem);
            GeneratedSpeech.Write(wav, voices[c.Actor], Intended(c.Stem), c.Seconds, seed: (int)(SerKit.Extraction.Shard.StableHash(c.Stem) & int.MaxValue));
            TalkingFaceVideo.Flv(wav, c.VideoStart, c.Seconds, FlvPath(c.Stem));
        });

        var rows = new List<(int, string, int[])>();
        for (int session = 1; session <= 3; session++)
        {
            for (int k = 0; k < clips.Length; k++)
            {
                var e = Intended(clips[k].Stem);
                var counts = session switch
                {
                    1 => clips[k].VoiceVotes,
                    2 => CremaDTree.Counts((e, 8), (CremaDTree.Next(e, 3), 2)),
                    _ => CremaDTree.Counts((e, 7), (CremaDTree.Next(e, 2), 2), (CremaDTree.Next(e, 4), 1)),
                };
                rows.Add((100000 * session + k + 1, clips[k].Stem, counts));
            }
            rows.Add((100000 * session + clips.Length + 1, "ANG_HI_practice", CremaDTree.Counts(("ANG", 5))));
        }
        CremaDTree.WriteVotesTable(VotesFile, rows);

        var demographics = new StringBuilder("ActorID,Age,Sex,Race,Ethnicity\n");
        for (int i = 0; i < Actors; i++)
            demographics.Append(CultureInfo.InvariantCulture, $"{1001 + i},{20 + (7 * i) % 50},{(i % 2 == 1 ? "Female" : "Male")},Unknown,Not Hispanic\n");
        File.WriteAllText(Path.Combine(Root, "VideoDemographics.csv"), demographics.ToString());
    }
}
