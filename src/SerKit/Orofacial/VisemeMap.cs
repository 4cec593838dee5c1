namespace SerKit.Orofacial;

/// <summary>
/// Phone → viseme rule for alignments: the 14 visemes of MPEG-4 facial animation (ISO/IEC 14496-2, Annex C) plus silence,
/// with the ARPAbet phones (CMUdict's 39, TIMIT's extra symbols) assigned by place of articulation and vowel quality.
/// Symbols are case-insensitive and stress digits are dropped (<c>AH0</c> = <c>AH</c>). Silence marks: empty, <c>sil</c>,
/// <c>sp</c>, <c>spn</c>, <c>pau</c>, <c>h#</c>, <c>&lt;eps&gt;</c>.
/// </summary>
public static class VisemeMap
{
    /// <summary>The viseme classes in output order.</summary>
    public static readonly IReadOnlyList<string> Classes =
        ["sil", "p_b_m", "f_v", "th_dh", "t_d", "k_g", "ch_jh_sh", "s_z", "n_l", "r", "a", "e", "i", "o", "u"];

    private static readonly Dictionary<string, int> Phones = Build();

    private static Dictionary<string, int> Build()
    {
        var groups = new (string Viseme, string Phones)[]
        {
            ("sil", "SIL SP SPN PAU H# <EPS>"),
            ("p_b_m", "P B M EM"),
            ("f_v", "F V"),
            ("th_dh", "TH DH"),
            ("t_d", "T D DX"),
            ("k_g", "K G NG HH Q"),
            ("ch_jh_sh", "CH JH SH ZH"),
            ("s_z", "S Z"),
            ("n_l", "N L EL EN NX"),
            ("r", "R ER AXR"),
            ("a", "AA AH AW AY AX"),
            ("e", "EH AE EY"),
            ("i", "IH IY Y IX"),
            ("o", "AO OW OY"),
            ("u", "UH UW W UX"),
        };
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (viseme, phones) in groups)
            foreach (var p in phones.Split(' ')) map[p] = Classes.IndexOf(viseme);
        return map;
    }

    /// <summary>The viseme index of <paramref name="phone"/>, false when the symbol is not known.</summary>
    public static bool TryViseme(string phone, out int viseme)
    {
        var key = phone.Trim().ToUpperInvariant().TrimEnd('0', '1', '2');
        if (key.Length == 0) { viseme = 0; return true; }
        return Phones.TryGetValue(key, out viseme);
    }

    /// <summary>The viseme index of <paramref name="phone"/>; throws <see cref="ArgumentException"/> for an unknown symbol.</summary>
    public static int Viseme(string phone) => TryViseme(phone, out var v) ? v : throw new ArgumentException($"unknown phone '{phone}'");

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}
