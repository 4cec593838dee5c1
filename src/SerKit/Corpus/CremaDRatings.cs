namespace SerKit.Corpus;

/// <summary>
/// Which of CREMA-D's three rating sessions the votes come from. In <c>tabulatedVotes.csv</c> the
/// first (unnamed) column is 100000 × query type + clip number, query type 1 = voice only,
/// 2 = face only (video without sound), 3 = audio-visual.
/// </summary>
public enum CremaDRatings
{
    /// <summary>Raters heard the audio only (the default for speech emotion recognition).</summary>
    Voice = 1,

    /// <summary>Raters saw the face video without sound.</summary>
    Face = 2,

    /// <summary>Raters saw and heard the clip.</summary>
    AudioVisual = 3,
}
