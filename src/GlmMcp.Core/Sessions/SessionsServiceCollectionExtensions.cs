using GlmMcp.Core.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Sessions;

public static class SessionsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SessionOptions"/> (section <c>Sessions</c>, validated at start) and one <see cref="SessionStore"/>.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SessionOptions, SessionOptionsValidator>(configuration, SessionOptions.Section);
        services.TryAddSingleton(sp => new SessionStore(sp.GetRequiredService<IOptions<SessionOptions>>().Value, sp.GetService<ILogger<SessionStore>>()));
        return services;
    }
}
