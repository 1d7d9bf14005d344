namespace GlmMcp.Fuzz;

/// <summary>One fuzz target: the product code a hostile input of one kind reaches.</summary>
internal interface IFuzzTarget
{
    /// <summary>Runs <paramref name="data"/> through the product code; exceptions the product documents are caught here.</summary>
    void Run(byte[] data);
}
