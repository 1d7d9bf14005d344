using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Sessions;

public static class SessionsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SessionOptions"/> (section <c>Sessions</c>) and one <see cref="SessionStore"/>.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionOptions>()
            .Bind(configuration.GetSection(SessionOptions.Section))
            .Validate(o => IsUsable(o.Workspace), $"{SessionOptions.Section}:Workspace is not a valid folder path.")
            .Validate(o => o.LockTimeoutSeconds is > 0 and <= 3600, $"{SessionOptions.Section}:LockTimeoutSeconds must be between 0 and 3600 seconds.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new SessionStore(sp.GetRequiredService<IOptions<SessionOptions>>().Value, sp.GetService<ILogger<SessionStore>>()));
        return services;
    }

    private static bool IsUsable(string? workspace)
    {
        if (string.IsNullOrWhiteSpace(workspace))
            return true;
        try
        {
            Path.GetFullPath(workspace);
            return !File.Exists(workspace);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
