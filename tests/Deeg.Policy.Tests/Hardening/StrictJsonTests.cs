using Deeg.Policy.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Tests.Hardening;

/// <summary>The JSON grammar check in front of Newtonsoft (<see cref="StrictJsonScanner"/>): strict, exact positions, and in agreement with what Newtonsoft writes.</summary>
public class StrictJsonTests
{
    private static (bool Ok, IReadOnlyList<Diagnostic> Diagnostics) Scan(string text, int depth = 64)
    {
        var bag = new DiagnosticBag();
        var ok = StrictJsonScanner.Scan(text, "x.json", bag, depth);
        return (ok, bag.Items);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("\"\"")]
    [InlineData(" \t\r\n{ \"a\" : [ 1 , -2.5e-3 , 1E+2 , true , false , null , \"x\" ] } \r\n")]
    [InlineData("{\"\\u00fc\\ud834\\udd1e\\\"\\\\\\/\\n\\r\\t\": \"ü𝄞\"}")]
    [InlineData("// comment\n{ /* inline */ \"a\": 1 // trailing\n}")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1e-400")]
    public void Valid_json_is_accepted(string text)
    {
        var (ok, diagnostics) = Scan(text);
        Assert.True(ok);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("{'a': 1}", 1, 2, "DP1002")]
    [InlineData("{\"a\": 1,}", 1, 9, "DP1002")]
    [InlineData("[1,]", 1, 4, "DP1002")]
    [InlineData("{a: 1}", 1, 2, "DP1002")]
    [InlineData("[01]", 1, 2, "DP1002")]
    [InlineData("[0x1]", 1, 2, "DP1002")]
    [InlineData("[+1]", 1, 2, "DP1002")]
    [InlineData("[.5]", 1, 2, "DP1002")]
    [InlineData("[1.]", 1, 4, "DP1002")]
    [InlineData("[1e]", 1, 4, "DP1002")]
    [InlineData("[NaN]", 1, 2, "DP1002")]
    [InlineData("[Infinity]", 1, 2, "DP1002")]
    [InlineData("[undefined]", 1, 2, "DP1002")]
    [InlineData("[tru]", 1, 2, "DP1002")]
    [InlineData("[nulll]", 1, 2, "DP1002")]
    [InlineData("[\"a\u0001\"]", 1, 4, "DP1002")]
    [InlineData("[\"\\x\"]", 1, 3, "DP1002")]
    [InlineData("[\"\\u12\"]", 1, 3, "DP1002")]
    [InlineData("[\"\\udc00\"]", 1, 3, "DP1002")]
    [InlineData("[1] [2]", 1, 5, "DP1002")]
    [InlineData("[1\n\n  2]", 3, 3, "DP1002")]
    [InlineData("[1\r\r  2]", 3, 3, "DP1002")]
    [InlineData("[1\r\n\r\n  2]", 3, 3, "DP1002")]
    [InlineData("\n\n   ", 3, 4, "DP1002")]
    [InlineData("[\"abc", 1, 2, "DP1002")]
    [InlineData("[/* x", 1, 2, "DP1002")]
    [InlineData("[\u00A0]", 1, 2, "DP1002")]
    [InlineData("{\"a\" 1}", 1, 6, "DP1002")]
    [InlineData("[1e99999]", 1, 2, "DP1008")]
    [InlineData("[-79228162514264337593543950336]", 1, 2, "DP1008")]
    public void Invalid_json_is_one_fatal_diagnostic_at_the_offending_character(string text, int line, int column, string code)
    {
        var (ok, diagnostics) = Scan(text);
        Assert.False(ok);
        var d = Assert.Single(diagnostics);
        Assert.Equal((code, line, column), (d.Code, d.Line, d.Column));
    }

    [Fact]
    public void Duplicate_names_and_control_characters_are_all_reported_and_do_not_stop_the_document()
    {
        var (ok, diagnostics) = Scan("{\"a\": 1, \"b\": {\"a\": 2, \"a\": \"\\u001b\"}, \"a\": \"\u202E\"}");
        Assert.True(ok);
        Assert.Equal(
            [("DP1005", 1, 24), ("DP1009", 1, 29), ("DP1005", 1, 40), ("DP1009", 1, 45)],
            diagnostics.Select(d => (d.Code, d.Line, d.Column)));

        // Tab, line feed and carriage return are fine once escaped; backspace and form feed are not.
        Assert.Empty(Scan("[\"a\\tb\\nc\\r\"]").Diagnostics);
        Assert.Equal("DP1009", Assert.Single(Scan("[\"a\\bc\"]").Diagnostics).Code);
        Assert.Equal("DP1009", Assert.Single(Scan("[\"a\\fc\"]").Diagnostics).Code);

        // A raw lone surrogate (only possible in a string given to the API) is not a character.
        var (ok2, lone) = Scan("[\"" + '\uD800' + "\"]");
        Assert.False(ok2);
        Assert.Equal(("DP1002", 1, 3), (lone[0].Code, lone[0].Line, lone[0].Column));
    }

    [Fact]
    public void Depth_is_counted_per_container()
    {
        Assert.True(Scan(new string('[', 64) + new string(']', 64)).Ok);
        var (ok, diagnostics) = Scan(new string('[', 65) + new string(']', 65));
        Assert.False(ok);
        Assert.Equal(("DP1003", 1, 65), (diagnostics[0].Code, diagnostics[0].Line, diagnostics[0].Column));
        Assert.False(Scan("{\"a\": {\"b\": 1}}", depth: 1).Ok);

        // A million brackets: no stack overflow, one diagnostic.
        var (deepOk, deep) = Hostile.Bounded(() => Scan(new string('[', 1_000_000)), "a million brackets");
        Assert.False(deepOk);
        Assert.Equal("DP1003", Assert.Single(deep).Code);
    }

    [Fact]
    public void Every_JSON_file_of_the_repository_passes()
    {
        var root = Path.GetFullPath(Path.Combine(Hostile.CorpusDirectory, "..", "..", "..", ".."));
        var files = new[] { "samples", "src", "docs" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.json", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
            var (ok, diagnostics) = Scan(text);
            Assert.True(ok && diagnostics.Count == 0, $"{file}: {string.Join("; ", diagnostics)}");
        }
    }

    /// <summary>Strings without the characters the scanner refuses (lone surrogates, forbidden controls).</summary>
    private static Gen<string> Text() =>
        ArbMap.Default.GeneratorFor<string>().Select(s => new string((s ?? string.Empty).Where(c => !char.IsSurrogate(c) && !StrictJsonScanner.IsForbidden(c)).ToArray()));

    /// <summary>Random JSON trees as Newtonsoft writes them: the scanner accepts every one, and the loaded tree is the same.</summary>
    [Fact]
    public void Whatever_Newtonsoft_writes_the_scanner_accepts()
    {
        var scalars = Gen.OneOf(
            Gen.Constant<JToken>(JValue.CreateNull()),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (JToken)new JValue(b)),
            ArbMap.Default.GeneratorFor<long>().Select(n => (JToken)new JValue(n)),
            ArbMap.Default.GeneratorFor<decimal>().Select(n => (JToken)new JValue(n)),
            Text().Select(s => (JToken)new JValue(s)));
        Gen<JToken> Tree(int size) => size <= 0
            ? scalars
            : Gen.OneOf(
                scalars,
                Gen.ListOf(Gen.Sized(_ => Tree(size / 3)), 4).Select(items => (JToken)new JArray(items)),
                Gen.ListOf(Text(), 4)
                    .SelectMany(names => Gen.ListOf(Gen.Sized(_ => Tree(size / 3)), names.Count).Select(values =>
                    {
                        var obj = new JObject();
                        foreach (var (name, value) in names.Zip(values)) obj[name] = value;
                        return (JToken)obj;
                    })));
        var property = Prop.ForAll(Gen.Sized(size => Tree(Math.Min(size, 27))).ToArbitrary(), token =>
        {
            foreach (var formatting in new[] { Formatting.None, Formatting.Indented })
            {
                var text = token.ToString(formatting);
                var bag = new DiagnosticBag();
                var source = JsonSource.Parse(text, "x.json", bag);
                if (bag.Items.Count > 0 || source.Root is null || !JToken.DeepEquals(source.Root, token)) return false;
            }

            return true;
        });
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
