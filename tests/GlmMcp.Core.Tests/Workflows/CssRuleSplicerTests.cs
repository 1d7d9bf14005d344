using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class CssRuleSplicerTests
{
    private const string Sheet = """
        /* site { styles } */
        .btn { color: #111; }
        .hero .btn-subscribe {
          font-weight: bold;
        }
        @media (max-width: 600px) {
          .btn { color: red; }
        }
        a[href="}"] { color: blue; }

        """;

    [Fact]
    public void A_rule_whose_selector_is_in_the_sheet_replaces_that_rule_whitespace_aside()
    {
        var result = CssRuleSplicer.Apply(Sheet, ".hero   .btn-subscribe{font-weight:bold;background:#1e3a8a}", []);

        Assert.Equal(Sheet.Replace(".hero .btn-subscribe {\n  font-weight: bold;\n}", ".hero   .btn-subscribe{font-weight:bold;background:#1e3a8a}"), result);
    }

    [Fact]
    public void A_rule_with_a_new_selector_is_appended_at_the_end()
    {
        var result = CssRuleSplicer.Apply(Sheet, ".btn-dark { background: #1e3a8a; }", []);

        Assert.Equal(Sheet + "\n.btn-dark { background: #1e3a8a; }\n", result);
    }

    [Fact]
    public void Of_two_rules_with_one_selector_the_top_level_one_is_replaced_unless_a_preferred_line_names_the_other()
    {
        var top = CssRuleSplicer.Apply(Sheet, ".btn { color: #fff; }", []);
        var inMedia = CssRuleSplicer.Apply(Sheet, ".btn { color: #fff; }", [7]);

        Assert.Equal(Sheet.Replace(".btn { color: #111; }", ".btn { color: #fff; }"), top);
        Assert.Equal(Sheet.Replace(".btn { color: red; }", ".btn { color: #fff; }"), inMedia);
    }

    [Fact]
    public void Braces_in_comments_and_strings_do_not_end_a_rule()
    {
        var rules = CssRuleSplicer.Rules(Sheet);

        Assert.Equal(
            [(".btn", 2, 0), (".hero .btn-subscribe", 3, 0), ("@media (max-width: 600px)", 6, 0), (".btn", 7, 1), ("a[href=\"}\"]", 9, 0)],
            rules.Select(r => (r.Selector, r.Line, r.Depth)));
    }

    [Fact]
    public void An_at_rule_block_in_the_answer_is_appended_whole()
    {
        var result = CssRuleSplicer.Apply(".a { color: red; }\n", "@media (min-width: 1px) { .a { color: blue; } }", []);

        Assert.Equal(".a { color: red; }\n\n@media (min-width: 1px) { .a { color: blue; } }\n", result);
    }
}
