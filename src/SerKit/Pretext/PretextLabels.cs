namespace SerKit.Pretext;

/// <summary>
/// The pretext labels of one utterance and the statistics they were derived from. A null
/// label means the task is masked for this utterance (no evidence); a null statistic means it
/// could not be computed. <see cref="T1"/> and <see cref="T2"/>: 1 = high, 0 = low.
/// <see cref="T3"/>: index into <see cref="PretextLabelSet.T3Classes"/>.
/// </summary>
/// <param name="Id">Utterance id of the manifest.</param>
/// <param name="T1">Energy label: 1 high, 0 low, null masked.</param>
/// <param name="T2">Facial-activation label: 1 high, 0 low, null masked.</param>
/// <param name="T3">AU-emotion class index, null masked.</param>
/// <param name="EnergyDbMean">Mean frame energy (dB) over the speech frames.</param>
/// <param name="EnergyZ">The T1 statistic (mean dB, or std of frame dB in variation mode), z-normalised within its speaker or recording; the value T1 splits at the median.</param>
/// <param name="Activation">T2: mean landmark motion per valid face frame, in inter-ocular distances; the value T2 splits at the median.</param>
/// <param name="ValidFrameShare">Share of the face's frames that are valid (success == 1 and confidence at least the minimum); null without a face track.</param>
/// <param name="T3Share">T3: the largest share of valid frames showing one emotion (below the minimum share when the label is neutral).</param>
public sealed record PretextLabels(
    string Id,
    int? T1,
    int? T2,
    int? T3,
    double? EnergyDbMean = null,
    double? EnergyZ = null,
    double? Activation = null,
    double? ValidFrameShare = null,
    double? T3Share = null);
