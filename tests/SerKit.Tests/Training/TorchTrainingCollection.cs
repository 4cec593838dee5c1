namespace SerKit.Tests.Training;

/// <summary>
/// Tests that seed libtorch's global generator or set its thread count run one at a time (xUnit runs
/// other test classes in parallel, and libtorch's generator is process-wide).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchTrainingCollection
{
    public const string Name = "libtorch training";
}
