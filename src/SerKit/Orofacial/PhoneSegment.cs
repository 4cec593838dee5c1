namespace SerKit.Orofacial;

/// <summary>One aligned phone: from <paramref name="Start"/> to <paramref name="End"/> seconds (from the start of the audio) and its symbol.</summary>
public sealed record PhoneSegment(double Start, double End, string Phone);
