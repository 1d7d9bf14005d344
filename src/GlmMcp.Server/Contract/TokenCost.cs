namespace GlmMcp.Server.Contract;

/// <summary>
/// What a <c>describe_image</c> call costs the model, estimated before it was sent: requests made, image and prompt
/// tokens of all of them, the answer budget of each, the largest request (images, prompt and answer budget), and the
/// context it stays within.
/// </summary>
public sealed record TokenCost(int Requests, int ImageTokens, int PromptTokens, int AnswerTokens, int LargestRequestTokens, int ContextTokens);
