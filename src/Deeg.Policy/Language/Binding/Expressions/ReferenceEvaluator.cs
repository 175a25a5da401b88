using System.Collections;
using System.Text.RegularExpressions;
using Deeg.Policy.Core;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Model;
using static Deeg.Policy.Language.Binding.Expressions.ReferenceValues;
using Variables = System.Collections.Immutable.ImmutableDictionary<string, object?>;

namespace Deeg.Policy.Language.Binding.Expressions;

/// <summary>
/// A plain tree-walking interpreter of bound expressions: the executable statement of the
/// language's semantics, written independently of the lowering (it shares no operator code
/// with it), so that tests can check the compiled expressions against it. Values are canonical
/// and boxed: decimal, string, bool, DateOnly, DateTimeOffset, TimeSpan, enum, typed lists
/// (<c>IReadOnlyList&lt;element CLR type&gt;</c>), facts and objects, or null.
/// </summary>
internal static class ReferenceEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="e"/> with the given alias values, evaluation date and parameter values,
    /// in <paramref name="language"/> (default English) with the facts display names refer to (default none).
    /// </summary>
    public static object? Evaluate(BoundExpression e, IReadOnlyDictionary<string, object?> aliases, DateOnly asOf, IReadOnlyDictionary<string, object?> parameters,
        string? language = null, IFactLookup? facts = null) =>
        new Evaluator(aliases, new ReferenceContext(asOf, language ?? Labels.English, facts ?? DisplayNames.NoFacts), parameters).Visit(e, Variables.Empty);

    private sealed class Evaluator(IReadOnlyDictionary<string, object?> aliases, ReferenceContext context, IReadOnlyDictionary<string, object?> parameters)
        : BoundTreeVisitor<Variables, object?>
    {
        private readonly DateOnly asOf = context.AsOf;

        public override object? VisitLiteral(BoundLiteralExpression node, Variables variables) => node.Value;

        public override object? VisitAlias(BoundAliasExpression node, Variables variables) => Canonical(aliases[node.Name], node.Type);

        public override object? VisitVariable(BoundVariableExpression node, Variables variables) => variables[node.Name];

        public override object? VisitAsOf(BoundAsOfExpression node, Variables variables) => asOf;

        public override object? VisitParameter(BoundParameterExpression node, Variables variables) => Canonical(parameters[node.Name], node.Type);

        public override object? VisitMember(BoundMemberExpression node, Variables variables)
        {
            var target = Visit(node.Target, variables);
            return target is null ? null : Canonical(node.Member.Property.GetValue(target), node.Type);
        }

        public override object? VisitConversion(BoundConversionExpression node, Variables variables) => Convert(node, Visit(node.Operand, variables));

        public override object? VisitUnary(BoundUnaryExpression node, Variables variables) => Unary(node.Kind, Visit(node.Operand, variables));

        public override object? VisitMatches(BoundMatchesExpression node, Variables variables)
        {
            if (Visit(node.Input, variables) is not string input) return false;
            if (node.Regex is { } regex) return regex.IsMatch(input);
            if (Visit(node.PatternParameter!, variables) is not string pattern) return false;
            try
            {
                return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant).IsMatch(input);
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (NotSupportedException)
            {
                return false;
            }
        }

        public override object? VisitCall(BoundCallExpression node, Variables variables) =>
            node.Function.Evaluate(node.Arguments.Select(a => Visit(a, variables)).ToList(), context);

        public override object? VisitQuantifier(BoundQuantifierExpression node, Variables variables)
        {
            var list = Visit(node.List, variables) is IEnumerable items ? items.Cast<object?>().ToList() : [];
            return node.Function.Evaluate(list, element => Visit(node.Body, variables.SetItem(node.Variable, element)), node.Type);
        }

        public override object? VisitList(BoundListExpression node, Variables variables) =>
            MakeList(((PolicyType.ListType)node.Type).ElementClrType, node.Elements.Select(x => Visit(x, variables)));

        public override object? VisitError(BoundErrorExpression node, Variables variables) =>
            throw new InvalidOperationException("cannot evaluate an expression with errors");

    private static object? Convert(BoundConversionExpression conversion, object? value)
        {
            if (value is null) return null;
            switch (conversion.Kind)
            {
                case ConversionKind.FromNull:
                    return null;
                case ConversionKind.DateToDateTime:
                    return Midnight((DateOnly)value);
                case ConversionKind.EnumToString:
                    return Naming.CamelCase(value.ToString()!);
                case ConversionKind.EnumListToStringList:
                    return MakeList(typeof(string), ((IEnumerable)value).Cast<object?>().Select(v => v is null ? null : Naming.CamelCase(v.ToString()!)));
                default:
                    return MakeList(((PolicyType.ListType)conversion.Type).ElementClrType, ((IEnumerable)value).Cast<object?>().Select(_ => (object?)null));
            }
        }

        private static object? Unary(BoundUnaryKind kind, object? value)
        {
            switch (kind)
            {
                case BoundUnaryKind.Not:
                    return value is not true;
                case BoundUnaryKind.NegateNumber:
                    return value is decimal d ? -d : null;
                default:
                    if (value is not TimeSpan t) return null;
                    try
                    {
                        return t.Negate();
                    }
                    catch (OverflowException)
                    {
                        return null;
                    }
            }
        }

        public override object? VisitBinary(BoundBinaryExpression binary, Variables variables)
        {
            if (binary.Kind == BoundBinaryKind.And) return Visit(binary.Left, variables) is true && Visit(binary.Right, variables) is true;
            if (binary.Kind == BoundBinaryKind.Or) return Visit(binary.Left, variables) is true || Visit(binary.Right, variables) is true;
            var a = Visit(binary.Left, variables);
            var b = Visit(binary.Right, variables);
            switch (binary.Kind)
            {
                case BoundBinaryKind.Equal:
                    return ValuesEqual(a, b, binary.Left.Type, binary.IgnoreCase);
                case BoundBinaryKind.NotEqual:
                    return !ValuesEqual(a, b, binary.Left.Type, binary.IgnoreCase);
                case BoundBinaryKind.Less:
                    return a is not null && b is not null && Order(a, b) < 0;
                case BoundBinaryKind.LessOrEqual:
                    return a is not null && b is not null && Order(a, b) <= 0;
                case BoundBinaryKind.Greater:
                    return a is not null && b is not null && Order(a, b) > 0;
                case BoundBinaryKind.GreaterOrEqual:
                    return a is not null && b is not null && Order(a, b) >= 0;
                case BoundBinaryKind.In:
                    return a is not null && b is not null && IsMember(a, (IEnumerable)b, binary.Left.Type, binary.IgnoreCase);
                case BoundBinaryKind.NotIn:
                    return a is not null && b is not null && !IsMember(a, (IEnumerable)b, binary.Left.Type, binary.IgnoreCase);
                case BoundBinaryKind.ListContains:
                    return a is not null && b is not null && IsMember(b, (IEnumerable)a, binary.Right.Type, binary.IgnoreCase);
                case BoundBinaryKind.StringContains:
                    return a is string s1 && b is string t1 && s1.Contains(t1, StringComparison.Ordinal);
                case BoundBinaryKind.StartsWith:
                    return a is string s2 && b is string t2 && s2.StartsWith(t2, StringComparison.Ordinal);
                case BoundBinaryKind.EndsWith:
                    return a is string s3 && b is string t3 && s3.EndsWith(t3, StringComparison.Ordinal);
                case BoundBinaryKind.Coalesce:
                    return a ?? b;
            }

            if (a is null || b is null) return null;
            try
            {
                return binary.Kind switch
                {
                    BoundBinaryKind.AddNumber => (decimal)a + (decimal)b,
                    BoundBinaryKind.SubtractNumber => (decimal)a - (decimal)b,
                    BoundBinaryKind.MultiplyNumber => (decimal)a * (decimal)b,
                    BoundBinaryKind.DivideNumber => (decimal)b == 0m ? null : (decimal)a / (decimal)b,
                    BoundBinaryKind.RemainderNumber => (decimal)b == 0m ? null : (decimal)a % (decimal)b,
                    BoundBinaryKind.Concat => (string)a + (string)b,
                    BoundBinaryKind.AddDateDuration => DateOnly.FromDateTime(((DateOnly)a).ToDateTime(TimeOnly.MinValue) + (TimeSpan)b),
                    BoundBinaryKind.SubtractDateDuration => DateOnly.FromDateTime(((DateOnly)a).ToDateTime(TimeOnly.MinValue) - (TimeSpan)b),
                    BoundBinaryKind.AddDateTimeDuration => ((DateTimeOffset)a).ToUniversalTime() + (TimeSpan)b,
                    BoundBinaryKind.SubtractDateTimeDuration => ((DateTimeOffset)a).ToUniversalTime() - (TimeSpan)b,
                    BoundBinaryKind.SubtractDates => TimeSpan.FromDays(((DateOnly)a).DayNumber - ((DateOnly)b).DayNumber),
                    BoundBinaryKind.SubtractDateTimes => (DateTimeOffset)a - (DateTimeOffset)b,
                    BoundBinaryKind.AddDurations => (TimeSpan)a + (TimeSpan)b,
                    BoundBinaryKind.SubtractDurations => (TimeSpan)a - (TimeSpan)b,
                    BoundBinaryKind.MultiplyDuration => ScaleDuration((TimeSpan)a, (decimal)b),
                    _ => throw new InvalidOperationException($"unknown operator {binary.Kind}"),
                };
            }
            catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        private static object? ScaleDuration(TimeSpan duration, decimal factor)
        {
            var ticks = decimal.Round(duration.Ticks * factor, 0, MidpointRounding.AwayFromZero);
            return ticks >= long.MinValue && ticks <= long.MaxValue ? new TimeSpan((long)ticks) : null;
        }

        private static bool IsMember(object value, IEnumerable list, PolicyType type, bool ignoreCase)
        {
            foreach (var element in list)
                if (element is not null && ValuesEqual(element, value, type, ignoreCase)) return true;
            return false;
        }

        private static bool ValuesEqual(object? a, object? b, PolicyType type, bool ignoreCase)
        {
            if (a is null || b is null) return a is null && b is null;
            switch (type)
            {
                case PolicyType.ObjectType objectType:
                    return objectType.Info.IdProperty is { } id
                        ? string.Equals((string?)id.GetValue(a), (string?)id.GetValue(b), StringComparison.Ordinal)
                        : ReferenceEquals(a, b);
                case PolicyType.ListType listType:
                {
                    var x = ((IEnumerable)a).Cast<object?>().ToList();
                    var y = ((IEnumerable)b).Cast<object?>().ToList();
                    return x.Count == y.Count && x.Zip(y).All(p => ValuesEqual(p.First, p.Second, listType.Element, ignoreCase));
                }
            }

            return a switch
            {
                string s => string.Equals(s, (string)b, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal),
                decimal d => d == (decimal)b,
                DateTimeOffset t => t.UtcTicks == ((DateTimeOffset)b).UtcTicks,
                _ => a.Equals(b),
            };
        }

        private static int Order(object a, object b) => a switch
        {
            decimal d => d.CompareTo((decimal)b),
            string s => string.CompareOrdinal(s, (string)b),
            DateOnly d => d.DayNumber.CompareTo(((DateOnly)b).DayNumber),
            DateTimeOffset t => t.UtcTicks.CompareTo(((DateTimeOffset)b).UtcTicks),
            TimeSpan t => t.Ticks.CompareTo(((TimeSpan)b).Ticks),
            _ => throw new InvalidOperationException($"values of type {a.GetType().Name} have no order"),
        };
    }

    /// <summary>A raw value (a model property, an alias or parameter value) in canonical form.</summary>
    private static object? Canonical(object? value, PolicyType type)
    {
        if (value is null) return null;
        if (type == PolicyType.Number)
        {
            switch (value)
            {
                case double or float:
                {
                    var x = System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                    if (double.IsNaN(x) || double.IsInfinity(x) || Math.Abs(x) >= 7.9e28) return null;
                    return (decimal)x;
                }

                default:
                    return System.Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (type == PolicyType.DateTime && value is DateTime dt)
        {
            var utc = dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc);
            return new DateTimeOffset(utc);
        }

        if (type is PolicyType.ListType list && value is IEnumerable items)
            return MakeList(list.ElementClrType, items.Cast<object?>().Select(x => Canonical(x, list.Element)));
        return value;
    }
}

/// <summary>Canonical values of the reference semantics, shared by the evaluator and the function table.</summary>
internal static class ReferenceValues
{
    /// <summary>A typed list (an array of <paramref name="element"/>) of <paramref name="values"/>.</summary>
    public static IList MakeList(Type element, IEnumerable<object?> values)
    {
        var items = values.ToList();
        var array = Array.CreateInstance(element, items.Count);
        for (var i = 0; i < items.Count; i++) array.SetValue(items[i], i);
        return array;
    }

    /// <summary>The UTC date of a date or datetime.</summary>
    public static DateOnly UtcDay(object value) =>
        value is DateOnly d ? d : DateOnly.FromDateTime(((DateTimeOffset)value).UtcDateTime);

    /// <summary>Midnight UTC of <paramref name="date"/>.</summary>
    public static DateTimeOffset Midnight(DateOnly date) => new(date.Year, date.Month, date.Day, 0, 0, 0, TimeSpan.Zero);
}
