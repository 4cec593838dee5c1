namespace SerKit.Bench;

/// <summary>A benchmark run as <c>SerKit.Bench NAME [options]</c>; found by reflection.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    int Run(string[] args);
}
