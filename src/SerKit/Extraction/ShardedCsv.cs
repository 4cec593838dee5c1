using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SerKit.IO;

namespace SerKit.Extraction;

/// <summary>
/// A CSV of per-utterance rows that all shards of a corpus share (<c>index.csv</c>, <c>failures.csv</c>). A run
/// replaces the rows of its own shard's utterances and keeps those of the other shards, under the folder's
/// <see cref="FolderLock"/>, so that once every shard k/N has finished (in any order, on any machine, with any
/// reruns) the file holds exactly what one run over the whole corpus writes, byte for byte. A run over the whole
/// corpus (shard 1/1) ignores what the file held.
/// </summary>
public static class ShardedCsv
{
    /// <summary>
    /// Writes <paramref name="path"/> atomically: the rows of <paramref name="own"/> (ids of <paramref name="shard"/>) and the
    /// existing rows of other shards' ids, ordered by <paramref name="rank"/> of their id (stable; an id ranked −1 is not part of
    /// the corpus and is dropped). With no row at all the file is removed unless <paramref name="keepEmpty"/>. Returns the rows written.
    /// </summary>
    public static int Update<T>(string path, Shard shard, IReadOnlyList<T> own, Func<T, string> idOf, Func<string, int> rank, bool keepEmpty) =>
        Update(path, shard.Count == 1 ? null : shard.Contains, own, idOf, rank, keepEmpty);

    /// <summary>
    /// As above for a run that owns the ids for which <paramref name="isOwn"/> is true (e.g. a shard taken by speaker rather
    /// than by id); null: the run covers the whole corpus and what the file held is ignored.
    /// </summary>
    public static int Update<T>(string path, Func<string, bool>? isOwn, IReadOnlyList<T> own, Func<T, string> idOf, Func<string, int> rank, bool keepEmpty)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        using var guard = FolderLock.Acquire(folder);
        var rows = new List<T>(own);
        if (isOwn != null && File.Exists(path))
            rows.AddRange(Read<T>(path).Where(r => !isOwn(idOf(r))));
        var ordered = rows.Select(r => (Row: r, Rank: rank(idOf(r)))).Where(p => p.Rank >= 0)
            .OrderBy(p => p.Rank).Select(p => p.Row).ToList();
        if (ordered.Count == 0 && !keepEmpty)
        {
            if (File.Exists(path)) File.Delete(path);
            return 0;
        }
        Write(path, ordered);
        return ordered.Count;
    }

    /// <summary>Writes <paramref name="rows"/> as SerKit writes its CSVs: invariant culture, '\n', doubles with up to 3 decimals.</summary>
    public static void Write<T>(string path, IEnumerable<T> rows) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
            csv.Context.TypeConverterOptionsCache.GetOptions<double>().Formats = new[] { "0.###" };
            csv.WriteRecords(rows);
        });

    private static List<T> Read<T>(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
            return csv.GetRecords<T>().ToList();
        }
        catch (CsvHelperException e)
        {
            throw new InvalidDataException($"{path}: cannot read the rows of the other shards ({e.Message.Split('\n')[0]}); remove the file and rerun every shard", e);
        }
    }
}
