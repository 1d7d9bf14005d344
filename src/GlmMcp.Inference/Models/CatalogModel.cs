namespace GlmMcp.Inference.Models;

/// <summary>A model the local engine can run: its text weights and its vision projector.</summary>
public sealed record CatalogModel(string Name, string Description, string Architecture, long ApproxBytes, IReadOnlyList<CatalogFile> Files)
{
    public CatalogFile ModelFile => Files.First(f => f.Role == ModelFileRole.Model);

    public CatalogFile MmprojFile => Files.First(f => f.Role == ModelFileRole.Mmproj);
}
