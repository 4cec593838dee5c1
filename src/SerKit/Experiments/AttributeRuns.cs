using System.Globalization;
using SerKit.Attributes;
using SerKit.Evaluation;

namespace SerKit.Experiments;

/// <summary>
/// The attribute runs of an experiment folder: every run its <c>protocol.json</c> calls for (attribute conditions × label fractions × folds ×
/// seeds), the <c>results.json</c> found at <see cref="AttributeRunKey.RelativeFolder"/>, and the runs still missing.
/// </summary>
public sealed class AttributeRuns
{
    private readonly Dictionary<AttributeRunKey, AttributeEvaluationResult> _found;

    private AttributeRuns(ExperimentProtocol protocol, IReadOnlyList<AttributeRunKey> expected, Dictionary<AttributeRunKey, AttributeEvaluationResult> found)
    {
        Protocol = protocol;
        Expected = expected;
        _found = found;
        Missing = expected.Where(k => !found.ContainsKey(k)).ToArray();
    }

    /// <summary>The experiment's protocol.</summary>
    public ExperimentProtocol Protocol { get; }

    /// <summary>Every attribute run the protocol calls for: label fraction, condition, fold, seed.</summary>
    public IReadOnlyList<AttributeRunKey> Expected { get; }

    /// <summary>The runs whose <c>results.json</c> exists, by key.</summary>
    public IReadOnlyDictionary<AttributeRunKey, AttributeEvaluationResult> Found => _found;

    /// <summary>The expected runs without a <c>results.json</c>.</summary>
    public IReadOnlyList<AttributeRunKey> Missing { get; }

    /// <summary>
    /// Reads the attribute runs of <paramref name="experimentDirectory"/>; every <c>results.json</c> found must describe its run (condition,
    /// fold, seed, label fraction) and hold the protocol's attributes in order.
    /// </summary>
    /// <exception cref="InvalidDataException">A <c>results.json</c> disagrees with its folder or with the protocol.</exception>
    /// <exception cref="ResultsFileException">A <c>results.json</c> is malformed.</exception>
    public static AttributeRuns Read(string experimentDirectory, ExperimentProtocol protocol)
    {
        var dir = Path.GetFullPath(experimentDirectory);
        var expected = (from fraction in protocol.LabelFractions.Order()
                        from condition in protocol.AttributeConditions
                        from fold in Enumerable.Range(1, protocol.Folds)
                        from seed in protocol.Seeds
                        select new AttributeRunKey(condition, fraction, fold, seed)).ToArray();
        var found = new Dictionary<AttributeRunKey, AttributeEvaluationResult>();
        foreach (var key in expected)
        {
            var path = Path.Combine(dir, key.RelativeFolder, ResultsFiles.ResultsFileName);
            if (!File.Exists(path)) continue;
            var result = AttributeResultsFiles.ReadResultsJson(path);
            ExperimentRuns.CheckInfo(path, result.Info, key.Condition, key.Fold, key.Seed, key.LabelFraction, key);
            if (!result.Metrics.Attributes.SequenceEqual(protocol.Attributes, StringComparer.Ordinal))
                throw new InvalidDataException($"{path}: attributes {string.Join(", ", result.Metrics.Attributes)} differ from the protocol's {string.Join(", ", protocol.Attributes)}");
            found[key] = result;
        }
        return new AttributeRuns(protocol, expected, found);
    }

    /// <summary>The conditions (protocol order) with at least one finished run at <paramref name="fraction"/>.</summary>
    public IReadOnlyList<string> ConditionsWithRuns(double fraction) =>
        Protocol.AttributeConditions.Where(c => _found.Keys.Any(k => k.Condition == c && k.LabelFraction == fraction)).ToArray();

    /// <summary>The (fold, seed) pairs at <paramref name="fraction"/> every condition with a run there has finished (fold, then seed order).</summary>
    public IReadOnlyList<(int Fold, long Seed)> CompletePairs(double fraction)
    {
        var conditions = ConditionsWithRuns(fraction);
        return (from fold in Enumerable.Range(1, Protocol.Folds)
                from seed in Protocol.Seeds.Order()
                where conditions.Count > 0 && conditions.All(c => _found.ContainsKey(new AttributeRunKey(c, fraction, fold, seed)))
                select (fold, seed)).ToArray();
    }
}
