using GlmMcp.Core;
using LLama.Native;

namespace GlmMcp.Inference.Local;

/// <summary>
/// Checks a GBNF grammar with llama.cpp's own parser before it is used. LLamaSharp adds the sampler that
/// <c>llama_sampler_init_grammar</c> returns without looking; for a grammar that does not parse that is null, and
/// sampling with it ends the process. The parser reports the failure through the log, which is captured here.
/// </summary>
internal static class GbnfGrammarCheck
{
    public const string Root = "root";

    /// <exception cref="UserInputException">The grammar does not parse, has an undefined rule or left recursion.</exception>
    public static void EnsureValid(LocalGlmModel model, string gbnf)
    {
        if (string.IsNullOrWhiteSpace(gbnf))
            throw new UserInputException("The GBNF grammar is empty.");
        var errors = LlamaNativeLog.CaptureErrors(() =>
        {
            using var probe = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
            probe.AddGrammar(model.Weights.NativeHandle, gbnf, Root);
        });
        if (errors.Count > 0)
        {
            throw new UserInputException(
                $"The GBNF grammar cannot be used: {string.Join(" ", errors)}. Check its syntax (llama.cpp grammars/README), " +
                $"that every rule it names is defined, that it has no left recursion, and that the start rule is '{Root}'.");
        }
    }
}
