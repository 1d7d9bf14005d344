namespace GlmMcp.Testing.Fidelity;

/// <summary>The colours, corner radius and font a corpus page is drawn with.</summary>
public sealed record FidelityTheme(
    string Background, string Surface, string Text, string Muted, string Accent, string AccentText, string Border, int Radius, string Font)
{
    public static FidelityTheme Light { get; } = new("#ffffff", "#f1f5f9", "#0f172a", "#64748b", "#2563eb", "#ffffff", "#e2e8f0", 8, "'Liberation Sans', sans-serif");

    public static FidelityTheme Dark { get; } = new("#0b1120", "#1e293b", "#e2e8f0", "#94a3b8", "#38bdf8", "#0b1120", "#334155", 10, "'DejaVu Sans', sans-serif");

    public static FidelityTheme Warm { get; } = new("#fffbeb", "#fef3c7", "#451a03", "#92400e", "#ea580c", "#ffffff", "#fcd34d", 14, "'DejaVu Serif', serif");

    public static FidelityTheme Forest { get; } = new("#f0fdf4", "#ffffff", "#052e16", "#4b5563", "#16a34a", "#ffffff", "#bbf7d0", 4, "'Liberation Sans', sans-serif");

    public static FidelityTheme Violet { get; } = new("#faf5ff", "#ffffff", "#2e1065", "#6b7280", "#7c3aed", "#ffffff", "#ddd6fe", 16, "'DejaVu Sans', sans-serif");

    public static FidelityTheme Mono { get; } = new("#fafafa", "#ffffff", "#111111", "#555555", "#111111", "#ffffff", "#d4d4d4", 0, "'Liberation Mono', monospace");

    public static FidelityTheme Night { get; } = new("#18181b", "#27272a", "#fafafa", "#a1a1aa", "#f43f5e", "#ffffff", "#3f3f46", 6, "'Liberation Sans', sans-serif");
}
