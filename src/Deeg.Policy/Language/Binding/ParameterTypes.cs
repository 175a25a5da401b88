using System.Globalization;
using Newtonsoft.Json.Linq;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Binding;

/// <summary>
/// Types and canonical values of rule-set parameters. A parameter's type is the type of its
/// default value; an override must have the same type. Canonical values are those the
/// lowered expressions read from the evaluation context: decimal, string, bool, and
/// <c>IReadOnlyList</c> of <c>decimal?</c>, <c>string</c> or <c>bool?</c>.
/// </summary>
internal static class ParameterTypes
{
    /// <summary>The type of a default value read by the rule-set reader (decimal, string, bool, list).</summary>
    public static PolicyType Of(object? value) => value switch
    {
        decimal => PolicyType.Number,
        string => PolicyType.String,
        bool => PolicyType.Bool,
        IReadOnlyList<object> { Count: 0 } => new PolicyType.ListType(PolicyType.Null),
        IReadOnlyList<object> list => new PolicyType.ListType(Of(list[0])),
        _ => PolicyType.Null,
    };

    /// <summary>The canonical form of a value read by the rule-set reader.</summary>
    public static object? ToCanonical(object? value) => value switch
    {
        IReadOnlyList<object> list when list.Count == 0 => Array.Empty<object>(),
        IReadOnlyList<object> list when list[0] is decimal => list.Select(v => (decimal?)(decimal)v).ToList(),
        IReadOnlyList<object> list when list[0] is bool => list.Select(v => (bool?)(bool)v).ToList(),
        IReadOnlyList<object> list => list.Cast<string>().ToList(),
        _ => value,
    };

    /// <summary>
    /// Converts an override to the canonical value of <paramref name="type"/>. Accepts values of
    /// the same type (any CLR number for numbers, any sequence for lists) and, for the command
    /// line, strings: a number, <c>true</c>/<c>false</c>, or a list as a JSON array or comma-separated.
    /// </summary>
    public static bool TryConvert(object? value, PolicyType type, out object? canonical)
    {
        canonical = null;
        if (value is null) return false;
        if (type == PolicyType.Number)
        {
            switch (value)
            {
                case decimal d: canonical = d; return true;
                case int or long or short or byte or uint or ulong or ushort or sbyte: canonical = Convert.ToDecimal(value, CultureInfo.InvariantCulture); return true;
                case double or float:
                    var f = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (double.IsNaN(f) || double.IsInfinity(f) || Math.Abs(f) > 7.9e28) return false;
                    canonical = Convert.ToDecimal(f); return true;
                case string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed): canonical = parsed; return true;
                default: return false;
            }
        }

        if (type == PolicyType.String)
        {
            canonical = value as string;
            return canonical is not null;
        }

        if (type == PolicyType.Bool)
        {
            switch (value)
            {
                case bool b: canonical = b; return true;
                case string s when bool.TryParse(s, out var parsed): canonical = parsed; return true;
                default: return false;
            }
        }

        if (type is PolicyType.ListType list)
        {
            IEnumerable<object?> items;
            if (value is string text)
            {
                items = SplitList(text);
            }
            else if (value is System.Collections.IEnumerable sequence)
            {
                items = sequence.Cast<object?>();
            }
            else
            {
                return false;
            }

            var element = list.Element == PolicyType.Null ? PolicyType.String : list.Element;
            var converted = new List<object?>();
            foreach (var item in items)
            {
                if (!TryConvert(item, element, out var c)) return false;
                converted.Add(c);
            }

            canonical = element == PolicyType.Number ? converted.Select(c => (decimal?)c).ToList()
                : element == PolicyType.Bool ? converted.Select(c => (bool?)c).ToList()
                : (object)converted.Cast<string>().ToList();
            return true;
        }

        return false;
    }

    private static IEnumerable<object?> SplitList(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                return JArray.Parse(trimmed).Select(t => t.Type switch
                {
                    JTokenType.String => (object?)(string)t!,
                    JTokenType.Boolean => (bool)t,
                    JTokenType.Integer or JTokenType.Float => t.ToString(),
                    _ => null,
                }).ToList();
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return [null];
            }
        }

        return trimmed.Length == 0 ? [] : trimmed.Split(',').Select(s => (object?)s.Trim()).ToList();
    }
}
