namespace GlmMcp.Core.Tests.Rendering;

/// <summary>Tests that look at Chromium processes run alone, so other tests' browsers do not count as leftovers.</summary>
[CollectionDefinition(nameof(ChromiumProcessCollection), DisableParallelization = true)]
public sealed class ChromiumProcessCollection;
