using System.Text;
using GlmMcp.Core;
using GlmMcp.Inference.Glm;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace GlmMcp.Inference.Local;

/// <summary>The text weights and the vision projector, loaded once and shared by every context.</summary>
internal sealed class LocalGlmModel : IDisposable
{
    // GpuLayerCount -1 means "all"; llama.cpp clamps any larger count to the model's layers.
    private const int AllLayers = 999;

    private LocalGlmModel(LLamaWeights weights, MtmdWeights mtmd, LocalModelInfo info, HashSet<LLamaToken> stopTokens)
    {
        Weights = weights;
        Mtmd = mtmd;
        Info = info;
        StopTokens = stopTokens;
    }

    public LLamaWeights Weights { get; }

    public MtmdWeights Mtmd { get; }

    public LocalModelInfo Info { get; }

    /// <summary>
    /// Serialises use of the mtmd context: it keeps the last image's embeddings and its compute graph inside itself,
    /// so two contexts must not tokenize or encode images through it at the same time.
    /// </summary>
    public Lock MtmdGate { get; } = new();

    /// <summary>Ids of <c>&lt;|endoftext|&gt;</c>, <c>&lt;|user|&gt;</c>, <c>&lt;|observation|&gt;</c> read from this vocabulary.</summary>
    public IReadOnlySet<LLamaToken> StopTokens { get; }

    /// <summary>Validates and loads the pair. Whatever native handle was made before a failure is released at once
    /// (a failed mmproj load no longer keeps the text weights alive until the finalizer runs).</summary>
    /// <exception cref="UserInputException">The files cannot be used; when llama.cpp itself failed, its inner
    /// exception is a <see cref="LoadWeightsFailedException"/>.</exception>
    public static LocalGlmModel Load(LocalModelPaths paths, LocalEngineOptions options, ILogger logger)
    {
        var info = LocalModelValidator.Validate(paths);
        LlamaNativeLog.RedirectTo(logger);
        logger.LogInformation("Loading {Model} and {Mmproj} with llama.cpp", paths.ModelPath, paths.MmprojPath);
        LLamaWeights? weights = null;
        MtmdWeights? mtmd = null;
        try
        {
            try
            {
                weights = LLamaWeights.LoadFromFile(ModelParams(paths.ModelPath, options));
            }
            catch (LoadWeightsFailedException e)
            {
                throw new UserInputException(
                    $"llama.cpp could not load '{paths.ModelPath}' ({LlamaNativeLog.LastError ?? "no reason logged"}). If the file is " +
                    "damaged, replace it; the engine does not load these files again until one of them changes. " +
                    LocalModelValidator.WhereToGet, e);
            }

            try
            {
                mtmd = MtmdWeights.LoadFromFile(paths.MmprojPath!, weights, MtmdParams(options));
            }
            catch (LoadWeightsFailedException e)
            {
                throw new UserInputException(
                    $"llama.cpp could not load the mmproj '{paths.MmprojPath}' ({LlamaNativeLog.LastError ?? "no reason logged"}): the file " +
                    "is damaged or not a GLM-4.6V vision projector, and must be replaced; the engine does not load it again until it " +
                    $"changes. {LocalModelValidator.WhereToGet}", e);
            }

            var model = new LocalGlmModel(weights, mtmd, info, ReadStopTokens(weights));
            // The model owns both handles from here on.
            weights = null;
            mtmd = null;
            logger.LogInformation("Loaded {Arch} model {Model} with mmproj {Mmproj}; stop tokens {Stops}", info.Architecture,
                paths.ModelPath, paths.MmprojPath, string.Join(",", model.StopTokens.Select(t => (int)t)));
            return model;
        }
        finally
        {
            mtmd?.Dispose();
            weights?.Dispose();
        }
    }

    private static MtmdContextParams MtmdParams(LocalEngineOptions options)
    {
        var mtmdParams = MtmdContextParams.Default();
        mtmdParams.UseGpu = options.GpuLayerCount != 0;
        mtmdParams.MediaMarker = GlmPromptBuilder.DefaultMediaMarker;
        mtmdParams.PrintTimings = false;
        if (options.Threads is { } threads)
            mtmdParams.NThreads = threads;
        if (options.ImageMinTokens is { } min)
            mtmdParams.ImageMinTokens = min;
        if (options.ImageMaxTokens is { } max)
            mtmdParams.ImageMaxTokens = max;
        return mtmdParams;
    }

    public ModelParams ContextParams(LocalEngineOptions options) => ModelParams(Info.ModelPath, options);

    public bool IsStop(LLamaToken token) => StopTokens.Contains(token) || token.IsEndOfGeneration(Weights.Vocab);

    public void Dispose()
    {
        Mtmd.Dispose();
        Weights.Dispose();
    }

    private static ModelParams ModelParams(string path, LocalEngineOptions options)
    {
        var p = new ModelParams(path)
        {
            ContextSize = options.ContextSize,
            GpuLayerCount = options.GpuLayerCount == -1 ? AllLayers : options.GpuLayerCount,
            BatchSize = options.BatchSize,
            UBatchSize = options.BatchSize,
        };
        if (options.Threads is { } threads)
        {
            p.Threads = threads;
            p.BatchThreads = threads;
        }

        return p;
    }

    private static HashSet<LLamaToken> ReadStopTokens(LLamaWeights weights)
    {
        var stops = new HashSet<LLamaToken>();
        foreach (var text in GlmTokens.StopTokens)
        {
            var tokens = weights.Tokenize(text, add_bos: false, special: true, Encoding.UTF8);
            if (tokens.Length == 1)
                stops.Add(tokens[0]);
        }

        if (weights.Vocab.EOS is { } eos)
            stops.Add(eos);
        return stops;
    }
}
