namespace GlmMcp.Core.Documents;

/// <summary>
/// What a <c>describe_image</c> call costs the model, estimated before anything is sent.
/// </summary>
/// <param name="Requests">Requests made: one, or one per page or frame (ocr and locate of a PDF or video).</param>
/// <param name="ImageTokens">Tokens of every image sent, all requests together (GLM-4.6V grid).</param>
/// <param name="PromptTokens">Tokens of the text sent, all requests together (estimated from its length).</param>
/// <param name="AnswerTokens">The answer budget of each request.</param>
/// <param name="LargestRequestTokens">The largest request: its images, text and answer budget.</param>
/// <param name="ContextTokens">GLM-4.6V's context, which no request exceeds.</param>
public sealed record TokenEstimate(int Requests, int ImageTokens, int PromptTokens, int AnswerTokens, int LargestRequestTokens, int ContextTokens);
