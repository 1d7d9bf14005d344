using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GlmMcp.Server.Hosting;

/// <summary>Console logging that writes every level to stderr: on stdio, stdout belongs to JSON-RPC alone.</summary>
public static class StderrLogging
{
    public static ILoggingBuilder AddStderrConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return logging;
    }
}
