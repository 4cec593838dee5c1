using SerKit.Modeling;
using SerKit.Training;

namespace SerKit.Orofacial;

/// <summary>
/// The prepared data of orofacial training, made once and shared by several variants: the training and validation data sets
/// (<see cref="OrofacialDataSet"/>) and the feature normalisation over the training utterances.
/// </summary>
public sealed class OrofacialTrainingData
{
    private OrofacialTrainingData(OrofacialDataRequest request, OrofacialDataSet train, OrofacialDataSet? valid, FeatureNormalization normalization)
    {
        Request = request;
        Train = train;
        Valid = valid;
        Normalization = normalization;
    }

    /// <summary>Where the data came from.</summary>
    public OrofacialDataRequest Request { get; }

    /// <summary>The training utterances with face tracks.</summary>
    public OrofacialDataSet Train { get; }

    /// <summary>The validation utterances with face tracks, when given.</summary>
    public OrofacialDataSet? Valid { get; }

    /// <summary>Per-dimension feature statistics of the training utterances.</summary>
    public FeatureNormalization Normalization { get; }

    /// <summary>Reads the face tracks, resamples them to the feature frames and computes the feature normalisation.</summary>
    public static OrofacialTrainingData Prepare(OrofacialDataRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        request.Data.Validate();
        var settings = request.Features.Settings;
        double hop = settings.Hop / (double)settings.SampleRate;
        IProgress<(int Done, int Total)> Reporter(string what) => new Runtime.SynchronousProgress<(int Done, int Total)>(p =>
            progress?.Report(new TrainingProgress("orofacial", 0, 0, 0, $"{what}: {p.Done}/{p.Total} utterances")));
        var train = OrofacialDataSet.Build(request.Train, request.FacesDirectory, request.Features.For(request.Train), hop, request.Data,
            request.Workers, Reporter("training face tracks"), cancellation);
        var valid = request.Valid is null ? null : OrofacialDataSet.Build(request.Valid, request.FacesDirectory, request.Features.For(request.Valid), hop,
            request.Data, request.Workers, Reporter("validation face tracks"), cancellation);
        var normalization = NormalizationPass.Compute(train.Features, train.Items.Select(u => u.Id).ToArray(), request.Workers,
            Reporter("feature statistics"), settings.Kind.ToString().ToLowerInvariant(), cancellation);
        return new OrofacialTrainingData(request, train, valid, normalization);
    }
}
