using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using SerKit.IO;

namespace SerKit.Face;

/// <summary>
/// Reads and writes face tracks in the OpenFace 2.x FeatureExtraction CSV schema.
/// <para>
/// Reading looks every column up by its trimmed header name (OpenFace writes <c>", "</c>
/// separators), never by substring or position, so files with gaze, pose, 3-D landmarks, eye
/// landmarks or model parameters in between read the same. <c>frame</c>, <c>timestamp</c>,
/// <c>confidence</c> and <c>success</c> are required; <c>face_id</c> (absent in older
/// versions) defaults to 0; the 68 landmarks and the AU columns are optional (see
/// <see cref="FaceRequirements"/>). Empty cells and <c>nan</c>/<c>-nan</c>/<c>NaN</c> read as NaN;
/// a frame whose <c>success</c> is 0 is a failed frame. A byte-order mark and CRLF line ends are accepted.
/// </para>
/// <para>
/// Writing produces the OpenFace column order for the columns SerKit has:
/// <c>frame, face_id, timestamp, confidence, success, x_0..x_67, y_0..y_67, AUxx_r…, AUxx_c…</c>
/// (AUs ascending), with OpenFace's decimals (timestamp 3, confidence 2, landmarks 1,
/// intensities 2, presences 1), plain <c>,</c> separators, <c>\n</c> line ends and <c>nan</c> for NaN.
/// The file is written atomically.
/// </para>
/// </summary>
public static class OpenFaceCsv
{
    private static readonly Regex AuColumn = new(@"^AU(\d{1,2})_([rc])$", RegexOptions.CultureInvariant);
    private static readonly string[] CoreColumns = { "frame", "timestamp", "confidence", "success" };

    /// <summary>Reads an OpenFace CSV; throws <see cref="FaceTrackException"/> naming the file on bad input.</summary>
    public static FaceTrack Read(string path) => Read(path, null);

    /// <summary>
    /// Reads an OpenFace CSV and checks that it has the columns of <paramref name="requirements"/>;
    /// the error names the file and every missing column.
    /// </summary>
    public static FaceTrack Read(string path, FaceRequirements? requirements)
    {
        if (!File.Exists(path)) throw new FaceTrackException(path, "file not found");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            CacheFields = true, // OpenFace files repeat the same few cells ("0.00", "1.0") a lot
        };
        FaceTrack track;
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, config);
            if (!parser.Read() || parser.Record is null)
                throw new FaceTrackException(path, "empty file (no header line)");
            var layout = Layout.FromHeader(path, parser.Record);
            var frames = new List<FaceFrame>();
            while (parser.Read())
            {
                var record = parser.Record ?? Array.Empty<string>();
                if (record.Length == 1 && record[0].Length == 0) continue;
                frames.Add(layout.Parse(record, parser.RawRow));
            }
            track = new FaceTrack(path, frames, layout.IntensityAus, layout.PresenceAus, layout.HasLandmarks);
        }
        catch (CsvHelperException e)
        {
            throw new FaceTrackException(path, $"malformed CSV: {e.Message.Split('\n')[0]}", e);
        }
        catch (IOException e)
        {
            throw new FaceTrackException(path, $"cannot read: {e.Message}", e);
        }
        if (requirements is not null) track.Require(requirements);
        return track;
    }

    /// <summary>The header <see cref="Write"/> produces for <paramref name="track"/>, in order.</summary>
    public static IReadOnlyList<string> Columns(FaceTrack track)
    {
        var columns = new List<string> { "frame", "face_id", "timestamp", "confidence", "success" };
        if (track.HasLandmarks)
        {
            for (int i = 0; i < FaceTrack.LandmarkCount; i++) columns.Add($"x_{i}");
            for (int i = 0; i < FaceTrack.LandmarkCount; i++) columns.Add($"y_{i}");
        }
        columns.AddRange(track.IntensityAus.Order().Select(FaceTrack.IntensityColumn));
        columns.AddRange(track.PresenceAus.Order().Select(FaceTrack.PresenceColumn));
        return columns;
    }

    /// <summary>Writes <paramref name="track"/> to <paramref name="path"/> atomically in the OpenFace schema.</summary>
    public static void Write(string path, FaceTrack track)
    {
        var header = Columns(track);
        int[] intensityOrder = track.IntensityAus.Order().Select(track.IntensityIndex).ToArray();
        int[] presenceOrder = track.PresenceAus.Order().Select(track.PresenceIndex).ToArray();
        // Every cell is a number or a fixed column name: nothing ever needs quoting.
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", HasHeaderRecord = false, ShouldQuote = _ => false };
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            using var csv = new CsvWriter(writer, config);
            foreach (var name in header) csv.WriteField(name);
            csv.NextRecord();
            foreach (var f in track.Frames)
            {
                csv.WriteField(f.Frame.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(f.FaceId.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(Format(f.Timestamp, 3));
                csv.WriteField(Format(f.Confidence, 2));
                csv.WriteField(f.Success ? "1" : "0");
                if (track.HasLandmarks)
                {
                    foreach (var v in f.X) csv.WriteField(Format(v, 1));
                    foreach (var v in f.Y) csv.WriteField(Format(v, 1));
                }
                foreach (var i in intensityOrder) csv.WriteField(Format(f.AuIntensity[i], 2));
                foreach (var i in presenceOrder) csv.WriteField(Format(f.AuPresence[i], 1));
                csv.NextRecord();
            }
            csv.Flush();
        });
    }

    private static readonly double[] PowersOfTen = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };

    /// <summary>
    /// <paramref name="value"/> with exactly <paramref name="decimals"/> decimals, rounded half away from
    /// zero (as C++'s <c>std::fixed</c> output OpenFace uses); NaN as <c>nan</c>, infinities as <c>inf</c>/<c>-inf</c>,
    /// no negative zero.
    /// </summary>
    internal static string Format(double value, int decimals)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        double scaled = Math.Round(Math.Abs(value) * PowersOfTen[decimals], MidpointRounding.AwayFromZero);
        if (scaled >= 1e15) return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        long digits = (long)scaled;
        Span<char> buffer = stackalloc char[24];
        int pos = buffer.Length;
        for (int d = 0; d < decimals; d++)
        {
            buffer[--pos] = (char)('0' + digits % 10);
            digits /= 10;
        }
        if (decimals > 0) buffer[--pos] = '.';
        do
        {
            buffer[--pos] = (char)('0' + digits % 10);
            digits /= 10;
        } while (digits > 0);
        if (value < 0 && scaled > 0) buffer[--pos] = '-';
        return new string(buffer[pos..]);
    }

    /// <summary>Parses one cell: empty and any spelling of NaN (nan, -nan, NaN, -nan(ind), 1.#QNAN) give NaN.</summary>
    internal static bool TryParseCell(string text, out double value)
    {
        var s = text.AsSpan().Trim();
        if (s.IsEmpty) { value = double.NaN; return true; }
        if (TryParsePlainDecimal(s, out value)) return true;
        var unsigned = s[0] is '-' or '+' ? s[1..] : s;
        if (unsigned.StartsWith("nan", StringComparison.OrdinalIgnoreCase) || unsigned.Contains("#QNAN", StringComparison.OrdinalIgnoreCase)
            || unsigned.Contains("#IND", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The fast path for cells like <c>-123.45</c> (at most 15 digits, no exponent): the digits as an
    /// integer divided by a power of ten, both exact in a double, so the quotient is the correctly rounded value.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i = 1;
        }
        long digits = 0;
        int count = 0, decimals = -1;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '.')
            {
                if (decimals >= 0) return false;
                decimals = 0;
                continue;
            }
            if (c < '0' || c > '9' || ++count > 15) return false;
            digits = digits * 10 + (c - '0');
            if (decimals >= 0) decimals++;
        }
        if (count == 0) return false;
        value = decimals > 0 ? digits / PowersOfTen[decimals] : digits;
        if (negative) value = -value;
        return true;
    }

    /// <summary>Where each needed column sits in one file's header.</summary>
    private sealed class Layout
    {
        private readonly string _path;
        private readonly string[] _header;
        private int _frame, _faceId = -1, _timestamp, _confidence, _success;
        private int[] _x = Array.Empty<int>(), _y = Array.Empty<int>();
        private int[] _intensity = Array.Empty<int>(), _presence = Array.Empty<int>();

        private Layout(string path, string[] header)
        {
            _path = path;
            _header = header;
        }

        public IReadOnlyList<int> IntensityAus { get; private set; } = Array.Empty<int>();
        public IReadOnlyList<int> PresenceAus { get; private set; } = Array.Empty<int>();
        public bool HasLandmarks => _x.Length > 0;

        public static Layout FromHeader(string path, string[] raw)
        {
            var header = raw.Select(h => h.Trim()).ToArray();
            if (header.Length > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF') header[0] = header[0][1..];
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
            {
                if (header[i].Length == 0 && i == header.Length - 1) continue; // trailing separator
                if (!columns.TryAdd(header[i], i))
                    throw new FaceTrackException(path, $"line 1: column '{header[i]}' appears twice in the header");
            }
            var missingCore = CoreColumns.Where(c => !columns.ContainsKey(c)).ToArray();
            if (missingCore.Length > 0)
                throw new FaceTrackException(path,
                    $"not an OpenFace FeatureExtraction CSV: missing column{(missingCore.Length > 1 ? "s" : "")} {string.Join(", ", missingCore)} " +
                    $"(header starts: {string.Join(", ", header.Take(8))}{(header.Length > 8 ? ", …" : "")})");
            var layout = new Layout(path, header)
            {
                _frame = columns["frame"],
                _faceId = columns.TryGetValue("face_id", out var fid) ? fid : -1,
                _timestamp = columns["timestamp"],
                _confidence = columns["confidence"],
                _success = columns["success"],
            };

            var xs = Enumerable.Range(0, FaceTrack.LandmarkCount).Select(i => columns.TryGetValue($"x_{i}", out var c) ? c : -1).ToArray();
            var ys = Enumerable.Range(0, FaceTrack.LandmarkCount).Select(i => columns.TryGetValue($"y_{i}", out var c) ? c : -1).ToArray();
            int present = xs.Count(c => c >= 0) + ys.Count(c => c >= 0);
            if (present == 2 * FaceTrack.LandmarkCount)
            {
                layout._x = xs;
                layout._y = ys;
            }
            else if (present > 0)
            {
                var missing = Enumerable.Range(0, FaceTrack.LandmarkCount).Where(i => xs[i] < 0).Select(i => $"x_{i}")
                    .Concat(Enumerable.Range(0, FaceTrack.LandmarkCount).Where(i => ys[i] < 0).Select(i => $"y_{i}")).ToArray();
                throw new FaceTrackException(path,
                    $"incomplete 2-D landmarks: missing column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Take(20))}{(missing.Length > 20 ? $" and {missing.Length - 20} more" : "")}");
            }

            var intensity = new SortedDictionary<int, int>();
            var presence = new SortedDictionary<int, int>();
            for (int i = 0; i < header.Length; i++)
            {
                var m = AuColumn.Match(header[i]);
                if (!m.Success) continue;
                int au = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var target = m.Groups[2].Value == "r" ? intensity : presence;
                if (!target.TryAdd(au, i))
                    throw new FaceTrackException(path, $"line 1: AU{au:D2}_{m.Groups[2].Value} appears twice in the header ('{header[target[au]]}' and '{header[i]}')");
            }
            layout.IntensityAus = intensity.Keys.ToArray();
            layout.PresenceAus = presence.Keys.ToArray();
            layout._intensity = intensity.Values.ToArray();
            layout._presence = presence.Values.ToArray();
            return layout;
        }

        public FaceFrame Parse(string[] record, int line)
        {
            int fields = record.Length;
            if (fields == _header.Length + 1 && record[^1].Length == 0) fields--;
            else if (fields == _header.Length - 1 && _header[^1].Length == 0) fields++;
            if (fields != _header.Length)
                throw new FaceTrackException(_path, $"line {line}: {record.Length} fields where the header has {_header.Length}");

            double frameNumber = Number(record, _frame, line);
            if (!double.IsFinite(frameNumber) || frameNumber != Math.Floor(frameNumber))
                throw new FaceTrackException(_path, $"line {line}: frame '{record[_frame]}' is not a whole number");
            int faceId = 0;
            if (_faceId >= 0)
            {
                double id = Number(record, _faceId, line);
                faceId = double.IsFinite(id) ? (int)id : 0;
            }
            double success = Number(record, _success, line);
            var x = new float[FaceTrack.LandmarkCount];
            var y = new float[FaceTrack.LandmarkCount];
            if (HasLandmarks)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] = (float)Number(record, _x[i], line);
                    y[i] = (float)Number(record, _y[i], line);
                }
            }
            else
            {
                Array.Fill(x, float.NaN);
                Array.Fill(y, float.NaN);
            }
            var r = new float[_intensity.Length];
            for (int i = 0; i < r.Length; i++) r[i] = (float)Number(record, _intensity[i], line);
            var c = new float[_presence.Length];
            for (int i = 0; i < c.Length; i++) c[i] = (float)Number(record, _presence[i], line);
            return new FaceFrame((int)frameNumber, faceId, Number(record, _timestamp, line), Number(record, _confidence, line),
                double.IsFinite(success) && success != 0, x, y, r, c);
        }

        private double Number(string[] record, int column, int line)
        {
            var text = column < record.Length ? record[column] : "";
            if (!TryParseCell(text, out var value))
                throw new FaceTrackException(_path, $"line {line}, column '{_header[column]}': '{text}' is not a number");
            return value;
        }
    }
}
