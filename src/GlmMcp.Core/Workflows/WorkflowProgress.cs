namespace GlmMcp.Core.Workflows;

/// <summary>
/// Where a workflow is: <see cref="Phase"/> (<c>generate</c>, <c>render</c>, <c>compare</c>, <c>refine</c>, <c>locate</c>,
/// <c>edit</c>, <c>verify</c>…) of <see cref="Round"/> out of <see cref="Rounds"/>; <see cref="Step"/> of
/// <see cref="Steps"/> for a progress bar.
/// </summary>
public sealed record WorkflowProgress(string Phase, int Round, int Rounds, int Step, int Steps, string Message);
