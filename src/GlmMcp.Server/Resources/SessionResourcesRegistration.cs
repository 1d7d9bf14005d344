using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Server.Resources;

public static class SessionResourcesRegistration
{
    /// <summary>Adds the session version templates and the <c>resources/list</c> handler that lists every version.</summary>
    public static IMcpServerBuilder WithSessionResources(this IMcpServerBuilder builder) =>
        builder.WithResources<SessionResources>().WithListResourcesHandler(SessionResources.ListAsync);
}
