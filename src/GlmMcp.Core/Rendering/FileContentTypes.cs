namespace GlmMcp.Core.Rendering;

/// <summary>The Content-Type a page's local file is served with, by extension, as Chromium would pick it for a <c>file:</c> URL.</summary>
internal static class FileContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html", [".htm"] = "text/html", [".xhtml"] = "application/xhtml+xml",
        [".css"] = "text/css", [".js"] = "text/javascript", [".mjs"] = "text/javascript", [".json"] = "application/json",
        [".txt"] = "text/plain", [".xml"] = "text/xml", [".svg"] = "image/svg+xml",
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif",
        [".webp"] = "image/webp", [".avif"] = "image/avif", [".bmp"] = "image/bmp", [".ico"] = "image/x-icon",
        [".woff"] = "font/woff", [".woff2"] = "font/woff2", [".ttf"] = "font/ttf", [".otf"] = "font/otf",
        [".mp4"] = "video/mp4", [".webm"] = "video/webm", [".mp3"] = "audio/mpeg", [".wasm"] = "application/wasm",
    };

    public static string Of(string path) =>
        ByExtension.TryGetValue(Path.GetExtension(path), out var type) ? type : "application/octet-stream";
}
