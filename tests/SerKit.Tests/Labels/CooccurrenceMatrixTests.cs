using System.Text.Json;
using SerKit.Corpus;
using SerKit.Labels;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Labels;

/// <summary>The worked example of docs/cooccurrence.md, checked by hand.</summary>
public class CooccurrenceMatrixTests
{
    private static readonly string[] Classes = ["ANG", "HAP", "NEU", "SAD"];

    // u1: ANG ANG SAD; u2: HAP NEU NEU; u3: ANG, NEU;SAD (one multi-choice answer), ANG; u4: NEU; u5: only a label outside the classes.
    private static VoteTable Votes()
    {
        var path = Path.Combine(RepoPaths.NewTempFolder(), "votes.csv");
        File.WriteAllText(path, "id,rater,label\nu1,r1,ANG\nu1,r2,ANG\nu1,r3,SAD\nu2,r1,HAP\nu2,r2,NEU\nu2,r4,NEU\n"
            + "u3,r2,ANG\nu3,r3,NEU;SAD\nu3,r4,ANG\nu4,r1,NEU\nu5,r5,SUR\n");
        return VoteTableFile.Read(path);
    }

    private static long[,] Matrix(long[][] rows)
    {
        var m = new long[rows.Length, rows.Length];
        for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows.Length; j++) m[i, j] = rows[i][j];
        return m;
    }

    private static void Equal(double[][] expected, double[][] actual)
    {
        for (int i = 0; i < expected.Length; i++)
            for (int j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(expected[i][j] - actual[i][j]) < 1e-12, $"[{i}][{j}]: expected {expected[i][j]}, got {actual[i][j]}");
    }

    [Fact]
    public void PresenceCountingWithConditionalFrequencies()
    {
        var m = CooccurrenceMatrix.Compute(Votes(), Classes);
        Assert.Equal(4, m.Utterances); // u5 has no vote for the classes
        Assert.Equal(11, m.Votes);     // 3 + 3 + 4 (NEU;SAD counts twice) + 1
        // Diagonal: utterances where the class was chosen. ANG+SAD co-occur in u1 and u3; ANG+NEU and NEU+SAD in u3; HAP+NEU in u2.
        Assert.Equal(Matrix([[2, 0, 1, 2], [0, 1, 1, 0], [1, 1, 3, 1], [2, 0, 1, 2]]), m.Counts);
        Assert.Equal([2L, 1, 3, 2], m.Occurrences);
        // P[i][j] = 1 − C[i][j] / N_i; e.g. NEU was chosen in 3 utterances, once each with ANG, HAP and SAD: 1 − 1/3.
        Equal([[0, 1, 0.5, 0], [1, 0, 0, 1], [2.0 / 3, 2.0 / 3, 0, 2.0 / 3], [0, 1, 0.5, 0]], m.Penalty.Values);
    }

    [Fact]
    public void CosineAndMaxNormalisationsAreSymmetric()
    {
        var cosine = CooccurrenceMatrix.Compute(Votes(), Classes, new CooccurrenceOptions { Normalization = CooccurrenceNormalization.Cosine });
        double an = 1 - 1 / Math.Sqrt(6), hn = 1 - 1 / Math.Sqrt(3); // C[ANG][NEU] = 1, N = (2, 1, 3, 2)
        Equal([[0, 1, an, 0], [1, 0, hn, 1], [an, hn, 0, an], [0, 1, an, 0]], cosine.Penalty.Values);
        var max = CooccurrenceMatrix.Compute(Votes(), Classes, new CooccurrenceOptions { Normalization = CooccurrenceNormalization.Max });
        Equal([[0, 1, 0.5, 0], [1, 0, 0.5, 1], [0.5, 0.5, 0, 0.5], [0, 1, 0.5, 0]], max.Penalty.Values); // largest pair count 2
    }

    [Fact]
    public void VoteCountingCountsPairsOfVotes()
    {
        var m = CooccurrenceMatrix.Compute(Votes(), Classes, new CooccurrenceOptions { Counting = CooccurrenceCounting.Votes });
        // u1 n = (2,0,0,1): ANG·SAD += 2, ANG·ANG += 2. u2 n = (0,1,2,0): HAP·NEU += 2, NEU·NEU += 2.
        // u3 n = (2,0,1,1): ANG·NEU += 2, ANG·SAD += 2, NEU·SAD += 1, ANG·ANG += 2. u4: a single vote adds nothing.
        Assert.Equal(Matrix([[4, 0, 2, 4], [0, 0, 2, 0], [2, 2, 2, 1], [4, 0, 1, 0]]), m.Counts);
        Assert.Equal([10L, 2, 7, 5], m.Occurrences); // Σ n_i (V − 1) = row sums
        Assert.Equal(1 - 4.0 / 10, m.Penalty.Values[0][3], 12);
        Assert.Equal(1 - 4.0 / 5, m.Penalty.Values[3][0], 12); // asymmetric: SAD votes are mostly next to ANG votes
        Assert.Equal(1 - 2.0 / 7, m.Penalty.Values[2][1], 12);
        Assert.Equal(0, m.Penalty.Values[1][2], 12);
    }

    [Fact]
    public void TheJsonFileHoldsEverythingAndThePenaltyReadsBack()
    {
        var m = CooccurrenceMatrix.Compute(Votes(), Classes);
        var dir = RepoPaths.NewTempFolder();
        var json = Path.Combine(dir, "cooccurrence.json");
        m.Save(json);
        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var root = doc.RootElement;
            Assert.Equal(Classes, root.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
            Assert.Equal(3, root.GetProperty("counts")[2][2].GetInt64());
            Assert.Equal(0.5, root.GetProperty("frequency")[0][2].GetDouble());
            var construction = root.GetProperty("construction");
            Assert.Equal("presence", construction.GetProperty("counting").GetString());
            Assert.Equal("conditional", construction.GetProperty("normalization").GetString());
            Assert.Equal(4, construction.GetProperty("utterances").GetInt32());
        }
        var penalty = PenaltyMatrix.Load(json);
        Equal(m.Penalty.Values, penalty.Values);
        // Reordered for a task whose classes come in another order (and a subset).
        var sub = penalty.For(["SAD", "ANG", "HAP"]);
        Equal([[0, 0, 1], [0, 0, 1], [1, 1, 0]], sub.Values);
        var e = Assert.Throws<ArgumentException>(() => penalty.For(["ANG", "FEA"]));
        Assert.Contains("no row for class FEA", e.Message);

        var png = Path.Combine(dir, "cooccurrence.png");
        CooccurrencePlots.HeatmapPng(png, m, "test");
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 5000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Theory]
    [InlineData("{\"classes\": [\"A\", \"B\"], \"penalty\": [[0, 1], [1, 0.5]]}", "the diagonal must be 0")]
    [InlineData("{\"classes\": [\"A\", \"B\"], \"penalty\": [[0, -1], [1, 0]]}", "not a finite non-negative number")]
    [InlineData("{\"classes\": [\"A\", \"B\"], \"penalty\": [[0, 1]]}", "must be a 2×2 matrix")]
    [InlineData("{\"classes\": [\"A\", \"B\"]}", "missing")]
    [InlineData("{\"classes\": [\"A\", \"B\"], \"penalty\": [[0, 1], [1, 0]]", "malformed JSON")]
    public void ABadPenaltyFileIsRefused(string text, string problem)
    {
        var path = Path.Combine(RepoPaths.NewTempFolder(), "penalty.json");
        File.WriteAllText(path, text);
        var e = Assert.Throws<LabelFileException>(() => PenaltyMatrix.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void VotesForNoneOfTheClassesAreAnError()
    {
        Assert.Contains("no vote for any of the classes FEA, DIS", Assert.Throws<ArgumentException>(() => CooccurrenceMatrix.Compute(Votes(), ["FEA", "DIS"])).Message);
    }
}
