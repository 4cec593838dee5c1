namespace SerKit.Pretext;

/// <summary>The pretext tasks of Goncalves &amp; Busso (DESIGN.md section 3).</summary>
[Flags]
public enum PretextTasks
{
    /// <summary>No task.</summary>
    None = 0,

    /// <summary>T1: speech energy, high/low (audio only).</summary>
    T1 = 1,

    /// <summary>T2: facial activation from landmark movement, high/low.</summary>
    T2 = 2,

    /// <summary>T3: emotion from AU combinations (rule table), multi-class.</summary>
    T3 = 4,

    /// <summary>T1, T2 and T3.</summary>
    All = T1 | T2 | T3,
}
