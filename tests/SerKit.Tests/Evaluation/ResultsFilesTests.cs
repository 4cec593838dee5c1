using System.Text.Json;
using SerKit.Evaluation;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Evaluation;

public class ResultsFilesTests
{
    private static readonly string[] Classes = { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" };

    private static ClassificationMetrics Sample() => ClassificationMetrics.Compute(
        new[] { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 },
        new[] { 0, 1, 1, 1, 2, 4, 3, 0, 4, 4, 5, 5 }, Classes);

    [Fact]
    public void ResultsJsonHasEmoBoxKeysAsFractionsAndReadsBack()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "fold1", ResultsFiles.ResultsFileName);
        var m = Sample();
        var info = new EvaluationInfo("crema-d-5fold", true, 1, 42, "T1+T2+T3", "test", 0.25);
        ResultsFiles.WriteResultsJson(path, m, info);

        using (var doc = JsonDocument.Parse(File.ReadAllText(path)))
        {
            var root = doc.RootElement;
            foreach (var key in new[] { "wa", "ua", "micro_f1", "macro_f1", "confusion", "num", "macro_precision", "macro_recall",
                         "micro_precision", "micro_recall", "per_class", "protocol", "speaker_independent", "fold", "seed", "label_map" })
                Assert.True(root.TryGetProperty(key, out _), "missing key " + key);
            // 9 of 12 right: a fraction, as scikit-learn's accuracy_score, not 75 (%).
            Assert.Equal(0.75, root.GetProperty("wa").GetDouble());
            Assert.Equal(12, root.GetProperty("num").GetInt32());
            Assert.Equal(new[] { 1, 1, 0, 0, 0, 0 }, root.GetProperty("confusion")[0].EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(3, root.GetProperty("label_map").GetProperty("HAP").GetInt32());
            Assert.Equal(2, root.GetProperty("per_class").GetProperty("DIS").GetProperty("support").GetInt32());
            Assert.True(root.GetProperty("speaker_independent").GetBoolean());
            Assert.Equal("fraction", root.GetProperty("scale").GetString());
            Assert.Equal(0.25, root.GetProperty("label_fraction").GetDouble());
        }

        var back = ResultsFiles.ReadResultsJson(path);
        Assert.Equal(info, back.Info);
        Assert.Equal(m.Confusion, back.Metrics.Confusion);
        Assert.Equal(m.MacroF1, back.Metrics.MacroF1);
        Assert.Equal(Classes, back.Metrics.Classes);
        Assert.Equal(path, back.SourcePath);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.partial"));

        var all = ResultsFiles.ReadAll(dir);
        Assert.Single(all);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void NullFoldAndSeedRoundTrip()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "results.json");
        var info = new EvaluationInfo("random-80-20", false, null, null);
        ResultsFiles.WriteResultsJson(path, Sample(), info);
        Assert.Equal(info, ResultsFiles.ReadResultsJson(path).Info);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void InconsistentOrIncompleteResultsAreRefusedNamingFileAndKey()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "results.json");
        ResultsFiles.WriteResultsJson(path, Sample(), new EvaluationInfo("p", true, 0, 1));
        var text = File.ReadAllText(path);

        // Percentages where fractions belong.
        File.WriteAllText(path, text.Replace("\"wa\": 0.75", "\"wa\": 75"));
        var e = Assert.Throws<ResultsFileException>(() => ResultsFiles.ReadResultsJson(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("key wa", e.Message);
        Assert.Contains("fractions, not percentages", e.Message);

        File.WriteAllText(path, text.Replace("\"protocol\"", "\"protocolx\""));
        Assert.Contains("key protocol: missing", Assert.Throws<ResultsFileException>(() => ResultsFiles.ReadResultsJson(path)).Message);

        File.WriteAllText(path, text.Replace("\"num\": 12", "\"num\": 13"));
        Assert.Contains("key num", Assert.Throws<ResultsFileException>(() => ResultsFiles.ReadResultsJson(path)).Message);

        File.WriteAllText(path, text.Replace("\"SAD\": 5", "\"SAD\": 6"));
        Assert.Contains("class ids must be 0..5", Assert.Throws<ResultsFileException>(() => ResultsFiles.ReadResultsJson(path)).Message);

        File.WriteAllText(path, text[..200]);
        Assert.Contains("malformed JSON", Assert.Throws<ResultsFileException>(() => ResultsFiles.ReadResultsJson(path)).Message);

        Assert.Contains("file not found", Assert.Throws<ResultsFileException>(() => ResultsFiles.ReadResultsJson(Path.Combine(dir, "none.json"))).Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void PredictionsCsvRoundTripsExactly()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, ResultsFiles.PredictionsFileName);
        var predictions = new[]
        {
            new Prediction("1001_DFA_ANG_XX", 0, 0, new[] { 0.7f, 0.1f, 0.05f, 0.05f, 0.06f, 0.04f }),
            new Prediction("odd, \"quoted\" key", 4, 5, new[] { 1e-8f, 0.2f, 0.2f, 0.1f, 0.3f, 0.19999999f }),
            new Prediction("unlabelled", 3, null, new[] { 0f, 0f, 0f, 1f, 0f, 0f }),
        };
        ResultsFiles.WritePredictionsCsv(path, predictions, Classes);
        var lines = File.ReadAllLines(path);
        Assert.Equal("key,prediction,label,score_ANG,score_DIS,score_FEA,score_HAP,score_NEU,score_SAD", lines[0]);
        Assert.StartsWith("1001_DFA_ANG_XX,ANG,ANG,0.7,0.1,", lines[1]);
        Assert.StartsWith("unlabelled,HAP,,", lines[3]);

        var table = ResultsFiles.ReadPredictionsCsv(path);
        Assert.Equal(Classes, table.Classes);
        Assert.Equal(3, table.Predictions.Count);
        for (int i = 0; i < predictions.Length; i++)
        {
            Assert.Equal(predictions[i].Key, table.Predictions[i].Key);
            Assert.Equal(predictions[i].Predicted, table.Predictions[i].Predicted);
            Assert.Equal(predictions[i].Truth, table.Predictions[i].Truth);
            Assert.Equal(predictions[i].Scores, table.Predictions[i].Scores); // bit-exact floats
        }
        // Metrics of the labelled rows only: ANG→ANG right, SAD→NEU wrong.
        var m = table.Metrics();
        Assert.Equal(2, m.Num);
        Assert.Equal(0.5, m.WA);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void BadPredictionsAreRefused()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "predictions.csv");
        Assert.Throws<ArgumentException>(() => ResultsFiles.WritePredictionsCsv(path,
            new[] { new Prediction("a", 0, 0, new[] { 1f }) }, Classes));
        Assert.False(File.Exists(path));

        File.WriteAllText(path, "key,label,score_A,score_B\nx,A,0.5,0.5\n");
        var e = Assert.Throws<ResultsFileException>(() => ResultsFiles.ReadPredictionsCsv(path));
        Assert.Contains("line 1: missing column prediction", e.Message);

        File.WriteAllText(path, "key,prediction,label,score_A,score_B\nx,A,A,0.5,0.5\ny,C,A,0.5,0.5\n");
        Assert.Contains("line 3: prediction 'C' is not one of the classes A, B",
            Assert.Throws<ResultsFileException>(() => ResultsFiles.ReadPredictionsCsv(path)).Message);

        File.WriteAllText(path, "key,prediction,label,score_A,score_B\nx,A,A,0.5,abc\n");
        Assert.Contains("score_B 'abc' is not a finite number",
            Assert.Throws<ResultsFileException>(() => ResultsFiles.ReadPredictionsCsv(path)).Message);

        File.WriteAllText(path, "key,prediction,label,score_A,score_B\nx,A,A,0.5\n");
        Assert.Contains("line 2: 4 fields where the header has 5",
            Assert.Throws<ResultsFileException>(() => ResultsFiles.ReadPredictionsCsv(path)).Message);
        Directory.Delete(dir, true);
    }
}
