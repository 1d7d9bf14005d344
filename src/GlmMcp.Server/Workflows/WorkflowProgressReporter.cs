using GlmMcp.Core.Workflows;
using ModelContextProtocol;

namespace GlmMcp.Server.Workflows;

/// <summary>
/// Forwards workflow progress to MCP <c>notifications/progress</c> as it happens (the BCL's <c>Progress&lt;T&gt;</c>
/// posts to the thread pool and may reorder or outlive the call).
/// </summary>
public sealed class WorkflowProgressReporter(IProgress<ProgressNotificationValue> target) : IProgress<WorkflowProgress>
{
    public void Report(WorkflowProgress value) =>
        target.Report(new ProgressNotificationValue { Progress = value.Step, Total = value.Steps, Message = value.Message });
}
