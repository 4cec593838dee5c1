using System.Text.Json;
using SerKit.IO;

namespace SerKit.Corpus;

/// <summary>
/// Speaker-independent k-fold splits (for CREMA-D by default 5 folds of 63 train / 14
/// validation / 14 test actors). Construction (<see cref="Construction"/>): the distinct
/// speakers are sorted (ordinal), shuffled by Fisher–Yates driven by <see cref="SplitMix64"/>
/// seeded with the seed, and cut into blocks: fold k (0-based) tests the <c>test</c> speakers
/// starting at position k·test and validates on the <c>valid</c> speakers that follow
/// (cyclically); the rest train. Test sets are disjoint whenever folds·test ≤ speakers;
/// otherwise fold k's test block starts at ⌊k·speakers/folds⌋ and neighbouring test sets
/// overlap as little as the sizes allow. The same speakers, sizes and seed give the same
/// folds on every machine.
/// </summary>
public sealed class SpeakerFolds
{
    /// <summary>Names the construction above; written to folds.json.</summary>
    public const string Construction = "serkit-speaker-folds-1 (ordinal sort, SplitMix64 Fisher-Yates shuffle, test block k, validation the next block)";

    /// <summary>The file that describes the folds in a folds folder.</summary>
    public const string FileName = "folds.json";

    private SpeakerFolds(long seed, FoldSizes sizes, IReadOnlyList<string> speakers, IReadOnlyList<SpeakerFold> folds)
    {
        Seed = seed;
        Sizes = sizes;
        Speakers = speakers;
        Folds = folds;
    }

    /// <summary>The seed of the shuffle.</summary>
    public long Seed { get; }

    /// <summary>Speakers per part in every fold.</summary>
    public FoldSizes Sizes { get; }

    /// <summary>All speakers, ordinal order.</summary>
    public IReadOnlyList<string> Speakers { get; }

    /// <summary>The folds, numbered from 1.</summary>
    public IReadOnlyList<SpeakerFold> Folds { get; }

    /// <summary>Folds over the given speakers (duplicates ignored); sizes must add up to the number of speakers.</summary>
    public static SpeakerFolds Create(IEnumerable<string> speakers, int folds, FoldSizes sizes, long seed)
    {
        var sorted = speakers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        int n = sorted.Length;
        if (folds < 1) throw new ArgumentOutOfRangeException(nameof(folds), folds, "need at least one fold");
        if (sizes.Total != n)
            throw new ArgumentException($"train {sizes.Train} + validation {sizes.Valid} + test {sizes.Test} = {sizes.Total} speakers, but there are {n}");
        if (sizes.Train < 1 || sizes.Test < 1 || sizes.Valid < 0)
            throw new ArgumentException($"sizes {sizes.Train}/{sizes.Valid}/{sizes.Test}: train and test need at least one speaker");

        var order = sorted.ToList();
        new SplitMix64(unchecked((ulong)seed)).Shuffle(order);
        bool disjoint = (long)folds * sizes.Test <= n;
        var result = new List<SpeakerFold>(folds);
        for (int k = 0; k < folds; k++)
        {
            int start = disjoint ? k * sizes.Test : (int)((long)k * n / folds);
            var test = Enumerable.Range(0, sizes.Test).Select(j => order[(start + j) % n]).ToHashSet(StringComparer.Ordinal);
            var valid = Enumerable.Range(0, sizes.Valid).Select(j => order[(start + sizes.Test + j) % n]).ToHashSet(StringComparer.Ordinal);
            var train = sorted.Where(s => !test.Contains(s) && !valid.Contains(s));
            result.Add(new SpeakerFold(k + 1, train.ToArray(), Sorted(valid), Sorted(test)));
        }
        return new SpeakerFolds(seed, sizes, sorted, result);
    }

    /// <summary>
    /// Folds over the speakers of a manifest; every utterance needs a speaker. Null sizes mean
    /// <see cref="FoldSizes.Proportional"/> (63:14:14).
    /// </summary>
    public static SpeakerFolds Create(Manifest manifest, int folds, FoldSizes? sizes, long seed)
    {
        var missing = manifest.Items.Where(u => u.Speaker is null).ToArray();
        if (missing.Length > 0)
            throw new ManifestException(manifest.Source ?? "manifest", null,
                $"{missing.Length} utterance(s) have no speaker (first: {string.Join(", ", missing.Take(3).Select(u => u.Id))}); speaker-independent folds need a speaker for every utterance");
        var speakers = manifest.Speakers;
        return Create(speakers, folds, sizes ?? FoldSizes.Proportional(speakers.Count), seed);
    }

    /// <summary>The utterances of one part of fold <paramref name="fold"/> (numbered from 1), in manifest order.</summary>
    public Manifest Select(Manifest manifest, int fold, FoldSplit split)
    {
        if (fold < 1 || fold > Folds.Count) throw new ArgumentOutOfRangeException(nameof(fold), fold, $"folds are numbered 1..{Folds.Count}");
        var speakers = Folds[fold - 1].Speakers(split).ToHashSet(StringComparer.Ordinal);
        return manifest.Where(u => u.Speaker is not null && speakers.Contains(u.Speaker));
    }

    /// <summary>
    /// Writes <c>fold{k}/train|valid|test.ext</c> manifests (paths stay relative to the manifest
    /// root) and then <c>folds.json</c> with the seed, sizes, construction, speaker lists, the
    /// root relative to <paramref name="folder"/> and the file names. All files are atomic.
    /// </summary>
    public void Write(Manifest manifest, string folder, ManifestFormat format = ManifestFormat.SerKitCsv)
    {
        if (format == ManifestFormat.Auto) format = ManifestFormat.SerKitCsv;
        var ext = format switch
        {
            ManifestFormat.EmoBoxJsonl => ".jsonl",
            ManifestFormat.SpeechBrainJson => ".json",
            _ => ".csv",
        };
        var full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        var files = new List<Dictionary<FoldSplit, (string File, int Count)>>();
        foreach (var fold in Folds)
        {
            var entry = new Dictionary<FoldSplit, (string, int)>();
            foreach (var split in Enum.GetValues<FoldSplit>())
            {
                var relative = $"fold{fold.Number}/{split.ToString().ToLowerInvariant()}{ext}";
                var part = Select(manifest, fold.Number, split);
                part.Save(Path.Combine(full, relative), format);
                entry[split] = (relative, part.Items.Count);
            }
            files.Add(entry);
        }
        var root = Path.GetRelativePath(full, manifest.Root).Replace('\\', '/');
        AtomicFile.Write(Path.Combine(full, FileName), stream =>
        {
            using (var w = new Utf8JsonWriter(stream, JsonFields.WriteOptions(indented: true)))
            {
                w.WriteStartObject();
                w.WriteString("construction", Construction);
                w.WriteNumber("seed", Seed);
                w.WriteNumber("speakers", Speakers.Count);
                w.WriteStartObject("sizes");
                w.WriteNumber("train", Sizes.Train);
                w.WriteNumber("valid", Sizes.Valid);
                w.WriteNumber("test", Sizes.Test);
                w.WriteEndObject();
                w.WriteString("root", root);
                w.WriteString("format", format.ToString());
                w.WriteStartArray("folds");
                for (int i = 0; i < Folds.Count; i++)
                {
                    var fold = Folds[i];
                    w.WriteStartObject();
                    w.WriteNumber("fold", fold.Number);
                    foreach (var split in Enum.GetValues<FoldSplit>())
                    {
                        w.WriteStartArray(split.ToString().ToLowerInvariant());
                        foreach (var s in fold.Speakers(split)) w.WriteStringValue(s);
                        w.WriteEndArray();
                    }
                    w.WriteStartObject("files");
                    foreach (var (split, (file, _)) in files[i]) w.WriteString(split.ToString().ToLowerInvariant(), file);
                    w.WriteEndObject();
                    w.WriteStartObject("utterances");
                    foreach (var (split, (_, count)) in files[i]) w.WriteNumber(split.ToString().ToLowerInvariant(), count);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        });
    }

    /// <summary>Reads the folds back from a folds.json written by <see cref="Write"/>.</summary>
    public static SpeakerFolds Read(string foldsJson) => Parse(foldsJson).Folds;

    /// <summary>Loads one part of one fold (numbered from 1) with the root recorded in folds.json.</summary>
    public static Manifest LoadSplit(string foldsJson, int fold, FoldSplit split)
    {
        var (folds, root, format, files) = Parse(foldsJson);
        if (fold < 1 || fold > folds.Folds.Count)
            throw new ManifestException(foldsJson, null, $"there is no fold {fold} (folds are numbered 1..{folds.Folds.Count})");
        var folder = Path.GetDirectoryName(Path.GetFullPath(foldsJson))!;
        return Manifest.Load(Path.Combine(folder, files[fold - 1][split]), format, root);
    }

    private static (SpeakerFolds Folds, string Root, ManifestFormat Format, List<Dictionary<FoldSplit, string>> Files) Parse(string foldsJson)
    {
        if (!File.Exists(foldsJson)) throw new ManifestException(foldsJson, null, "no such file");
        using var doc = JsonFields.Parse(File.ReadAllText(foldsJson), foldsJson, null);
        try
        {
            var o = doc.RootElement;
            var folder = Path.GetDirectoryName(Path.GetFullPath(foldsJson))!;
            var root = Path.GetFullPath(Path.Combine(folder, o.GetProperty("root").GetString()!));
            var format = Enum.Parse<ManifestFormat>(o.GetProperty("format").GetString()!);
            var sizes = o.GetProperty("sizes");
            var foldSizes = new FoldSizes(sizes.GetProperty("train").GetInt32(), sizes.GetProperty("valid").GetInt32(), sizes.GetProperty("test").GetInt32());
            var list = new List<SpeakerFold>();
            var files = new List<Dictionary<FoldSplit, string>>();
            foreach (var f in o.GetProperty("folds").EnumerateArray())
            {
                string[] Names(string p) => f.GetProperty(p).EnumerateArray().Select(e => e.GetString()!).ToArray();
                var fold = new SpeakerFold(f.GetProperty("fold").GetInt32(), Names("train"), Names("valid"), Names("test"));
                if (fold.Number != list.Count + 1)
                    throw new ManifestException(foldsJson, $"fold {fold.Number}", $"folds must be numbered 1, 2, … in order");
                var all = fold.Train.Concat(fold.Valid).Concat(fold.Test).ToArray();
                if (all.Distinct(StringComparer.Ordinal).Count() != all.Length)
                    throw new ManifestException(foldsJson, $"fold {fold.Number}", "a speaker is in more than one of train, valid and test");
                list.Add(fold);
                var fs = f.GetProperty("files");
                files.Add(Enum.GetValues<FoldSplit>().ToDictionary(s => s, s => fs.GetProperty(s.ToString().ToLowerInvariant()).GetString()!));
            }
            var speakers = list.Count == 0 ? Array.Empty<string>()
                : list[0].Train.Concat(list[0].Valid).Concat(list[0].Test).Order(StringComparer.Ordinal).ToArray();
            return (new SpeakerFolds(o.GetProperty("seed").GetInt64(), foldSizes, speakers, list), root, format, files);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new ManifestException(foldsJson, null, "not a SerKit folds file: " + e.Message, e);
        }
    }

    private static string[] Sorted(IEnumerable<string> s) => s.Order(StringComparer.Ordinal).ToArray();
}
