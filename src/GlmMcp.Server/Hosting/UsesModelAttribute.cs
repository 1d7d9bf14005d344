namespace GlmMcp.Server.Hosting;

/// <summary>
/// Marks a tool that asks the model. With the <c>openai</c> engine the model is a server elsewhere, so the catalog
/// lists such tools as open-world (<c>openWorldHint</c>); the local engine and the client's own model (sampling) stay
/// closed-world.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class UsesModelAttribute : Attribute;
