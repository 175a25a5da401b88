namespace Deeg.Policy;

/// <summary>How serious a rule's finding is. Weights for the score: critical 10, high 5, medium 3, low 1, info 0.</summary>
public enum Severity
{
    /// <summary>For information; weight 0.</summary>
    Info,

    /// <summary>Weight 1.</summary>
    Low,

    /// <summary>Weight 3.</summary>
    Medium,

    /// <summary>Weight 5.</summary>
    High,

    /// <summary>Weight 10.</summary>
    Critical,
}
