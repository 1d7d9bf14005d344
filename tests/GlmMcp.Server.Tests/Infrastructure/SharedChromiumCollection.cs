namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>Test classes that render through <see cref="SharedChromium"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedChromiumCollection : ICollectionFixture<SharedChromium>
{
    public const string Name = "Shared Chromium";
}
