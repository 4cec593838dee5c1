using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SerKit.Corpus;

/// <summary>
/// The parts of a CREMA-D file name such as <c>1001_DFA_ANG_XX.wav</c>: actor (1001–1091),
/// sentence code (one of 12), intended emotion (ANG, DIS, FEA, HAP, NEU, SAD) and intensity
/// level (LO, MD, HI, or XX for unspecified).
/// </summary>
public sealed record CremaDFileName(int Actor, string Sentence, string Emotion, string Level)
{
    /// <summary>The file name without folder and extension, e.g. <c>1001_DFA_ANG_XX</c>.</summary>
    public string Stem => $"{Actor}_{Sentence}_{Emotion}_{Level}";

    /// <summary>The actor id as the speaker id of manifests, e.g. "1001".</summary>
    public string Speaker => Actor.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a file name or stem (folder and extension are ignored); null with a reason when it is not a CREMA-D name.</summary>
    public static bool TryParse(string fileName, [NotNullWhen(true)] out CremaDFileName? parsed, out string problem)
    {
        parsed = null;
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var parts = stem.Split('_');
        if (parts.Length != 4)
        {
            problem = $"'{stem}' does not have the four parts actor_sentence_emotion_level";
            return false;
        }
        if (parts[0].Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var actor)
            || actor < CremaD.FirstActor || actor > CremaD.LastActor)
        {
            problem = $"actor '{parts[0]}' is not one of {CremaD.FirstActor}–{CremaD.LastActor}";
            return false;
        }
        if (!CremaD.SentenceCodes.Contains(parts[1]))
        {
            problem = $"sentence '{parts[1]}' is not one of {string.Join(", ", CremaD.SentenceCodes)}";
            return false;
        }
        if (!CremaD.EmotionCodes.Contains(parts[2]))
        {
            problem = $"emotion '{parts[2]}' is not one of {string.Join(", ", CremaD.EmotionCodes)}";
            return false;
        }
        if (!CremaD.LevelCodes.Contains(parts[3]))
        {
            problem = $"level '{parts[3]}' is not one of {string.Join(", ", CremaD.LevelCodes)}";
            return false;
        }
        parsed = new CremaDFileName(actor, parts[1], parts[2], parts[3]);
        problem = "";
        return true;
    }

    /// <summary>Parses a file name or stem; <see cref="FormatException"/> naming the problem when it is not a CREMA-D name.</summary>
    public static CremaDFileName Parse(string fileName) =>
        TryParse(fileName, out var parsed, out var problem) ? parsed : throw new FormatException($"{fileName}: {problem}");
}
