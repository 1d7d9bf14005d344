using GlmMcp.Server.Cli;

return await GlmMcpCli.RunAsync(args);
