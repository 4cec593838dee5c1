using SerKit.Synthetic;

namespace SerKit.Tests.Fixtures;

/// <summary>
/// An unlabelled "folder of videos" corpus in VoxCeleb2's layout, for pre-training tests:
/// <c>id&lt;5 digits&gt;/&lt;11-character YouTube id&gt;/&lt;5-digit clip number&gt;.mp4</c> (e.g. <c>id00017/Xk3_b9QwL0a/00001.mp4</c>).
/// Each clip is a segment of the real talking face franck.mp4 cropped square to 224×224 at 25 fps (H.264), with
/// generated speech (<see cref="GeneratedSpeech"/>, one voice per speaker, a random emotion per clip, 1.5–2.5 s) as
/// its AAC sound track (<see cref="TalkingFaceVideo.Mp4"/>). No labels. Built once per parameter set into the ignored
/// cache (<see cref="TreeCache"/>); needs ffmpeg and franck.mp4 (skipped outside CI when missing, failed in CI).
/// Read it with <c>FolderCorpus.Scan(root, null, new FolderCorpusOptions { SpeakerFromFolder = true })</c>.
/// </summary>
public sealed class VoxCeleb2Tree
{
    private const int Version = 1;
    private const string YouTubeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private readonly Dictionary<string, (double Seconds, double Start, string Emotion)> _clips;

    private VoxCeleb2Tree(string root, int speakers, int videosPerSpeaker, int clipsPerVideo)
    {
        Root = root;
        _clips = Plan(speakers, videosPerSpeaker, clipsPerVideo).ToDictionary(c => c.Path, c => (c.Seconds, c.Start, c.Emotion), StringComparer.Ordinal);
        Files = _clips.Keys.Order(StringComparer.Ordinal).ToArray();
        Speakers = Files.Select(f => f[..f.IndexOf('/')]).Distinct().ToArray();
    }

    /// <summary>The tree for these parameters, built on first use and cached.</summary>
    public static VoxCeleb2Tree Get(int speakers = 3, int videosPerSpeaker = 2, int clipsPerVideo = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speakers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(speakers, 999);
        ArgumentOutOfRangeException.ThrowIfLessThan(videosPerSpeaker, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clipsPerVideo, 1);
        var key = $"voxceleb2-v{Version}-s{speakers}-v{videosPerSpeaker}-c{clipsPerVideo}";
        var root = TreeCache.GetOrBuild(key, work => new VoxCeleb2Tree(work, speakers, videosPerSpeaker, clipsPerVideo).Build());
        return new VoxCeleb2Tree(root, speakers, videosPerSpeaker, clipsPerVideo);
    }

    public string Root { get; }

    /// <summary>The clips' paths relative to <see cref="Root"/> with '/' separators, ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The speaker folders (<c>id00017</c>, …), ordinal order.</summary>
    public IReadOnlyList<string> Speakers { get; }

    /// <summary>Length of a clip's sound track in seconds.</summary>
    public double Seconds(string file) => _clips[file].Seconds;

    /// <summary>The emotion the clip's voice was generated with (not a label: the corpus has none).</summary>
    public string Emotion(string file) => _clips[file].Emotion;

    private static IEnumerable<(string Path, double Seconds, double Start, string Emotion)> Plan(int speakers, int videos, int clips)
    {
        for (int s = 0; s < speakers; s++)
        {
            var speaker = $"id{10 + 7 * s:D5}";
            var rng = SynthRandom.For(s, "voxceleb2/" + speaker);
            for (int v = 0; v < videos; v++)
            {
                var youTube = new string(Enumerable.Range(0, 11).Select(_ => YouTubeAlphabet[rng.Next(YouTubeAlphabet.Length)]).ToArray());
                for (int c = 0; c < clips; c++)
                {
                    double seconds = Math.Round(rng.Uniform(1.5, 2.5), 2);
                    double start = Math.Round(3 + (s * 31.3 + v * 11.1 + c * 3.1) % (TalkingFaceVideo.SourceSeconds - 6), 2);
                    var emotion = CremaDTree.Emotions[rng.Next(CremaDTree.Emotions.Length)];
                    yield return ($"{speaker}/{youTube}/{c + 1:D5}.mp4", seconds, start, emotion);
                }
            }
        }
    }

    private void Build()
    {
        // Material first, on the test's thread: a skip thrown inside Parallel.ForEach would arrive wrapped as a failure.
        Media.FfmpegCli.Require();
        Face.FaceMaterial.Franck();
        var voices = new Dictionary<string, VoiceParameters>(StringComparer.Ordinal);
        foreach (var (speaker, i) in Speakers.Select((sp, i) => (sp, i)))
            voices[speaker] = GeneratedSpeech.Speaker("voxceleb2/" + speaker, female: i % 2 == 0);
        var scratch = Path.Combine(Root, ".wav");
        Parallel.ForEach(Files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, file =>
        {
            var (seconds, start, emotion) = _clips[file];
            var wav = Path.Combine(scratch, file.Replace('/', '_') + ".wav");
            GeneratedSpeech.Write(wav, voices[file[..file.IndexOf('/')]], emotion, seconds,
                seed: (int)(SerKit.Extraction.Shard.StableHash(file) & int.MaxValue), strength: 0.6);
            TalkingFaceVideo.Mp4(wav, start, seconds, Path.Combine(Root, file));
        });
        Directory.Delete(scratch, recursive: true);
    }
}
