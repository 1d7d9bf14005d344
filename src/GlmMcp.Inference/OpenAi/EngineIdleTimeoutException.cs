namespace GlmMcp.Inference.OpenAi;

/// <summary>The engine's response sent nothing for longer than <c>Engine:OpenAi:IdleTimeout</c>.</summary>
internal sealed class EngineIdleTimeoutException(TimeSpan idleTimeout, Exception inner)
    : TimeoutException($"the response sent nothing for {idleTimeout.TotalSeconds:0.#} s", inner);
