using Microsoft.Extensions.Configuration;

namespace GlmMcp.Core.Settings;

/// <summary>
/// Binds a settings section like <c>ConfigurationBinder</c>, but a value it cannot convert (<c>--engine foo</c>,
/// <c>--port abc</c>) becomes a <see cref="UserInputException"/> naming the setting and, for choices, the allowed
/// values, instead of a stack trace.
/// </summary>
public static class SettingsBinder
{
    public static void Bind<T>(IConfiguration configuration, string sectionPath, T options) where T : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(sectionPath);
        foreach (var property in typeof(T).GetProperties().Where(p => p.PropertyType.IsEnum && p.CanWrite))
        {
            var value = section[property.Name];
            if (value is not null && !(Enum.TryParse(property.PropertyType, value, ignoreCase: true, out var parsed) && Enum.IsDefined(property.PropertyType, parsed!)))
            {
                var allowed = string.Join(", ", Enum.GetNames(property.PropertyType).Select(n => n.ToLowerInvariant()));
                throw new UserInputException($"{sectionPath}:{property.Name} is '{value}'; use one of: {allowed}.");
            }
        }
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new UserInputException($"Invalid setting in {sectionPath}: {e.Message}", e);
        }
    }

    /// <summary>A new <typeparamref name="T"/> bound from <paramref name="sectionPath"/>, not yet validated.</summary>
    public static T Read<T>(IConfiguration configuration, string sectionPath) where T : class, new()
    {
        var options = new T();
        Bind(configuration, sectionPath, options);
        return options;
    }
}
