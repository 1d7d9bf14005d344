namespace GlmMcp.Inference.Local;

/// <summary>
/// A GBNF grammar for any JSON value (after llama.cpp's grammars/json.gbnf), used when a caller asks for
/// <c>ChatResponseFormat.Json</c>. It enforces JSON syntax, not a particular schema.
/// </summary>
internal static class JsonGrammar
{
    public const string Gbnf = """
        root   ::= object
        value  ::= object | array | string | number | ("true" | "false" | "null") ws
        object ::= "{" ws ( string ":" ws value ("," ws string ":" ws value)* )? "}" ws
        array  ::= "[" ws ( value ("," ws value)* )? "]" ws
        string ::= "\"" ( [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4}) )* "\"" ws
        number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9] [1-9]{0,15})? ws
        ws     ::= | " " | "\n" [ \t]{0,20}
        """;
}
