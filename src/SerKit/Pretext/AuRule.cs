namespace SerKit.Pretext;

/// <summary>One row of the T3 rule table: a class and the AUs that must all be present.</summary>
/// <param name="Class">Class name, e.g. <c>happiness</c>.</param>
/// <param name="Aus">FACS action-unit numbers, e.g. 6 and 12.</param>
public sealed record AuRule(string Class, IReadOnlyList<int> Aus);
