using System.Globalization;
using SerKit.Corpus;

namespace SerKit.Orofacial;

/// <summary>
/// Phone alignments of a corpus, one CSV file for all utterances (what a forced aligner such as the Montreal Forced
/// Aligner gives, converted from its TextGrids with one line per phone interval):
/// <code>
/// id,start,end,phone
/// s01_001,0.000,0.120,sil
/// s01_001,0.120,0.210,HH
/// s01_001,0.210,0.350,AH0
/// </code>
/// <c>start</c> and <c>end</c> are seconds from the start of the utterance's audio (end &gt; start); <c>phone</c> is an ARPAbet symbol
/// (stress digits allowed) or a silence mark (<see cref="VisemeMap"/>). Columns are found by name; other columns are ignored.
/// Intervals of one utterance must not overlap. A bad line is an error naming the file and the line.
/// </summary>
public sealed class PhonemeAlignments
{
    private readonly Dictionary<string, PhoneSegment[]> _byId;

    private PhonemeAlignments(string source, Dictionary<string, PhoneSegment[]> byId)
    {
        Source = source;
        _byId = byId;
    }

    /// <summary>The file the alignments were read from.</summary>
    public string Source { get; }

    /// <summary>Utterance ids that have alignments.</summary>
    public IReadOnlyCollection<string> Ids => _byId.Keys;

    /// <summary>The phones of <paramref name="id"/> in time order, or null when it has none.</summary>
    public IReadOnlyList<PhoneSegment>? For(string id) => _byId.TryGetValue(id, out var s) ? s : null;

    /// <summary>Reads an alignment CSV (see the type's description); every phone is checked against <see cref="VisemeMap"/>.</summary>
    public static PhonemeAlignments Read(string path)
    {
        if (!File.Exists(path)) throw new OrofacialFileException(path, null, "no such alignment file");
        CsvTable table;
        try
        {
            table = CsvTable.Read(path);
            table.Require("id", "start", "end", "phone");
        }
        catch (ManifestException e) { throw new OrofacialFileException(path, e.Location, e.Problem, e); }
        int id = table.Column("id")!.Value, start = table.Column("start")!.Value, end = table.Column("end")!.Value, phone = table.Column("phone")!.Value;
        var lists = new Dictionary<string, List<(PhoneSegment Segment, int Line)>>(StringComparer.Ordinal);
        foreach (var (line, f) in table.Rows)
        {
            string where = $"line {line}";
            var key = f[id].Trim();
            if (key.Length == 0) throw new OrofacialFileException(path, where, "empty id");
            double a = Seconds(f[start], "start"), b = Seconds(f[end], "end");
            if (!(b > a)) throw new OrofacialFileException(path, where, $"end {b} is not after start {a}");
            var symbol = f[phone].Trim();
            if (!VisemeMap.TryViseme(symbol, out _)) throw new OrofacialFileException(path, where, $"unknown phone '{symbol}' (ARPAbet or a silence mark expected; see docs/orofacial.md)");
            if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
            list.Add((new PhoneSegment(a, b, symbol), line));

            double Seconds(string text, string column)
            {
                if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
                    throw new OrofacialFileException(path, where, $"{column} '{text}' is not a time in seconds (a non-negative number)");
                return v;
            }
        }
        var byId = new Dictionary<string, PhoneSegment[]>(StringComparer.Ordinal);
        foreach (var (key, list) in lists)
        {
            var sorted = list.OrderBy(s => s.Segment.Start).ToArray();
            for (int i = 1; i < sorted.Length; i++)
                if (sorted[i].Segment.Start < sorted[i - 1].Segment.End - 1e-6)
                    throw new OrofacialFileException(path, $"line {sorted[i].Line}", $"utterance {key}: phone interval overlaps the one on line {sorted[i - 1].Line}");
            byId[key] = sorted.Select(s => s.Segment).ToArray();
        }
        return new PhonemeAlignments(Path.GetFullPath(path), byId);
    }

    /// <summary>
    /// The viseme of every feature frame of <paramref name="id"/> (<paramref name="frames"/> frames, frame t at t·<paramref name="hopSeconds"/>):
    /// the viseme of the phone interval with start ≤ t·hop &lt; end, or -1 where no interval covers the frame (or the utterance has no alignment).
    /// </summary>
    public int[] FrameVisemes(string id, int frames, double hopSeconds)
    {
        var labels = new int[frames];
        Array.Fill(labels, -1);
        if (!_byId.TryGetValue(id, out var segments)) return labels;
        int s = 0;
        for (int t = 0; t < frames; t++)
        {
            double time = t * hopSeconds;
            while (s < segments.Length && segments[s].End <= time) s++;
            if (s < segments.Length && segments[s].Start <= time) labels[t] = VisemeMap.Viseme(segments[s].Phone);
        }
        return labels;
    }
}
