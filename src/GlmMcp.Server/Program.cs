using GlmMcp.Server.Cli;

return await GlmMcpCli.Create().Parse(args).InvokeAsync();
