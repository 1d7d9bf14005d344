using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GlmMcp.Core.Arguments;

/// <summary>
/// The large arguments taken out of one request, each under a random placeholder that took its place in the message.
/// It lives with that request only: <see cref="InlineArguments"/> resolves a placeholder only inside the call whose
/// bag holds it, and <see cref="Clear"/> drops the buffers when the call ends.
/// </summary>
public sealed class InlineArgumentBag
{
    private readonly ConcurrentDictionary<string, InlineValue> _values = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    /// <summary>Keeps <paramref name="value"/> and returns its placeholder: <see cref="InlineArguments.PlaceholderPrefix"/> and 128 random bits.</summary>
    public string Add(InlineValue value)
    {
        var placeholder = InlineArguments.PlaceholderPrefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _values[placeholder] = value;
        return placeholder;
    }

    /// <summary>The value behind <paramref name="placeholder"/>, or null when this bag did not make it.</summary>
    public InlineValue? Find(string? placeholder) =>
        placeholder is not null && _values.TryGetValue(placeholder, out var value) ? value : null;

    /// <summary>Drops every value (their buffers with them).</summary>
    public void Clear()
    {
        foreach (var value in _values.Values)
            value.Release();
        _values.Clear();
    }
}
