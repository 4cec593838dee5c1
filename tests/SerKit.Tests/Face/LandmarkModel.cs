using SerKit.Face;

namespace SerKit.Tests.Face;

/// <summary>The 68-landmark model, loaded once for all face-pipeline tests (it is 100 MB).</summary>
internal static class LandmarkModel
{
    private static readonly Lazy<ShapePredictor> Model = new(() => ShapePredictor.Load(FaceMaterial.LandmarkModel()));

    public static ShapePredictor Get()
    {
        FaceMaterial.LandmarkModel(); // skips (fails in CI) when the package cannot be fetched
        return Model.Value;
    }
}
