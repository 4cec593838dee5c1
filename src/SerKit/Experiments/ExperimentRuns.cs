using System.Globalization;
using SerKit.Evaluation;

namespace SerKit.Experiments;

/// <summary>
/// The fine-tuning runs of an experiment folder: every run its <c>protocol.json</c> calls for (conditions × label
/// fractions × folds × seeds), the <c>results.json</c> found at <see cref="ExperimentRunKey.RelativeFolder"/>, the runs
/// still missing, and any other <c>results.json</c> under <c>runs/</c> (ignored, but reported).
/// </summary>
public sealed class ExperimentRuns
{
    /// <summary>The folder of the runs inside an experiment folder.</summary>
    public const string RunsFolder = "runs";

    private const double FractionTolerance = 1e-9;

    private readonly Dictionary<ExperimentRunKey, EvaluationResult> _found;

    private ExperimentRuns(string directory, ExperimentProtocol protocol, IReadOnlyList<ExperimentRunKey> expected,
        Dictionary<ExperimentRunKey, EvaluationResult> found, IReadOnlyList<string> ignored)
    {
        Directory = directory;
        Protocol = protocol;
        Expected = expected;
        _found = found;
        Missing = expected.Where(k => !found.ContainsKey(k)).ToArray();
        Ignored = ignored;
    }

    /// <summary>The experiment folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>The experiment's protocol.</summary>
    public ExperimentProtocol Protocol { get; }

    /// <summary>Every run the protocol calls for, in table order: label fraction, condition, fold, seed.</summary>
    public IReadOnlyList<ExperimentRunKey> Expected { get; }

    /// <summary>The runs whose <c>results.json</c> exists, by key.</summary>
    public IReadOnlyDictionary<ExperimentRunKey, EvaluationResult> Found => _found;

    /// <summary>The expected runs without a <c>results.json</c> (still running, or left out with <c>folds.only</c>).</summary>
    public IReadOnlyList<ExperimentRunKey> Missing { get; }

    /// <summary><c>results.json</c> files under <c>runs/</c> that are not where an expected run writes it (relative paths).</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>The main label fraction: the largest of the protocol (normally 1, all labels).</summary>
    public double MainFraction => Protocol.LabelFractions.Max();

    /// <summary>
    /// Reads the runs of <paramref name="experimentDirectory"/> as <paramref name="protocol"/> lays them out. Every
    /// <c>results.json</c> found must describe its run: condition, fold, seed, label fraction (when written) and the
    /// protocol's classes in order.
    /// </summary>
    /// <exception cref="InvalidDataException">A <c>results.json</c> disagrees with the folder it is in or with the protocol.</exception>
    /// <exception cref="ResultsFileException">A <c>results.json</c> is malformed.</exception>
    public static ExperimentRuns Read(string experimentDirectory, ExperimentProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(experimentDirectory);
        ArgumentNullException.ThrowIfNull(protocol);
        var dir = Path.GetFullPath(experimentDirectory);
        if (protocol.Conditions.Count == 0 && protocol.AttributeConditions.Count == 0)
            throw new InvalidDataException($"{Path.Combine(dir, ExperimentProtocol.FileName)}: no conditions");
        if (protocol.LabelFractions.Count == 0) throw new InvalidDataException($"{Path.Combine(dir, ExperimentProtocol.FileName)}: no label fractions");
        var expected = new List<ExperimentRunKey>();
        foreach (var fraction in protocol.LabelFractions.Order())
            foreach (var condition in protocol.Conditions)
                for (int fold = 1; fold <= protocol.Folds; fold++)
                    foreach (var seed in protocol.Seeds)
                        expected.Add(new ExperimentRunKey(condition, fraction, fold, seed));

        var found = new Dictionary<ExperimentRunKey, EvaluationResult>();
        var expectedFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in expected)
        {
            var path = Path.Combine(dir, key.RelativeFolder, ResultsFiles.ResultsFileName);
            expectedFiles.Add(Path.GetFullPath(path));
            if (!File.Exists(path)) continue;
            var result = ResultsFiles.ReadResultsJson(path);
            Check(path, key, result, protocol);
            found[key] = result;
        }
        var runs = Path.Combine(dir, RunsFolder);
        var ignored = System.IO.Directory.Exists(runs)
            ? System.IO.Directory.EnumerateFiles(runs, ResultsFiles.ResultsFileName, SearchOption.AllDirectories)
                .Select(Path.GetFullPath).Where(p => !expectedFiles.Contains(p))
                .Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray()
            : [];
        return new ExperimentRuns(dir, protocol, expected, found, ignored);
    }

    /// <summary>
    /// The (fold, seed) pairs at <paramref name="fraction"/> that every condition with at least one run there has
    /// finished, in fold then seed order: the runs the tables compare (paired runs only, never a partial pair).
    /// </summary>
    public IReadOnlyList<(int Fold, long Seed)> CompletePairs(double fraction)
    {
        var conditions = ConditionsWithRuns(fraction);
        var pairs = new List<(int, long)>();
        for (int fold = 1; fold <= Protocol.Folds; fold++)
            foreach (var seed in Protocol.Seeds.Order())
                if (conditions.Count > 0 && conditions.All(c => _found.ContainsKey(new ExperimentRunKey(c, fraction, fold, seed))))
                    pairs.Add((fold, seed));
        return pairs;
    }

    /// <summary>The conditions (protocol order) with at least one finished run at <paramref name="fraction"/>.</summary>
    public IReadOnlyList<string> ConditionsWithRuns(double fraction) =>
        Protocol.Conditions.Where(c => _found.Keys.Any(k => k.Condition == c && k.LabelFraction == fraction)).ToArray();

    /// <summary>The folder-safe slug of a condition name: <c>baseline</c>, <c>t1</c>, <c>t1+t3</c> (<see cref="ExperimentCondition.Slug"/>).</summary>
    public static string Slug(string condition)
    {
        try { return ExperimentCondition.Parse(condition).Slug; }
        catch (ArgumentException) { return condition.ToLowerInvariant(); }
    }

    /// <summary>The run folder level of a label fraction: <c>labels&lt;P&gt;</c>, P the percentage rounded to an integer (<c>labels10</c>, <c>labels100</c>).</summary>
    public static string LabelFolder(double fraction) =>
        "labels" + ((int)Math.Round(100 * fraction, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage for prose and tables: <c>10 %</c>, <c>12.5 %</c>.</summary>
    public static string Percent(double fraction) =>
        (100 * fraction).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    /// <summary>Throws <see cref="InvalidDataException"/> when a run's <c>results.json</c> names another condition, fold, seed or label fraction than its folder's.</summary>
    internal static void CheckInfo(string path, EvaluationInfo info, string condition, int fold, long seed, double fraction, object key)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new InvalidDataException($"{path}: {what}, but the file is in the folder of {key}");
        }
        Require(info.Condition == condition, $"condition is '{info.Condition ?? "null"}'");
        Require(info.Fold == fold, $"fold is {info.Fold?.ToString(CultureInfo.InvariantCulture) ?? "null"}");
        Require(info.Seed == seed, $"seed is {info.Seed?.ToString(CultureInfo.InvariantCulture) ?? "null"}");
        Require(info.LabelFraction is not { } f || Math.Abs(f - fraction) <= FractionTolerance,
            $"label_fraction is {info.LabelFraction?.ToString("R", CultureInfo.InvariantCulture)}");
    }

    private static void Check(string path, ExperimentRunKey key, EvaluationResult r, ExperimentProtocol protocol)
    {
        CheckInfo(path, r.Info, key.Condition, key.Fold, key.Seed, key.LabelFraction, key);
        if (!r.Metrics.Classes.SequenceEqual(protocol.Classes, StringComparer.Ordinal))
            throw new InvalidDataException($"{path}: classes {string.Join(", ", r.Metrics.Classes)} differ from the protocol's {string.Join(", ", protocol.Classes)}");
    }
}
