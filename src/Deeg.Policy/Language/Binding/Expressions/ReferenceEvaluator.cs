using System.Collections;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Deeg.Policy.Core;

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
    /// <summary>Evaluates <paramref name="e"/> with the given alias values, evaluation date and parameter values.</summary>
    public static object? Evaluate(BoundExpression e, IReadOnlyDictionary<string, object?> aliases, DateOnly asOf, IReadOnlyDictionary<string, object?> parameters) =>
        new Evaluator(aliases, asOf, parameters).Eval(e, ImmutableDictionary<string, object?>.Empty);

    private sealed class Evaluator(IReadOnlyDictionary<string, object?> aliases, DateOnly asOf, IReadOnlyDictionary<string, object?> parameters)
    {
        public object? Eval(BoundExpression e, ImmutableDictionary<string, object?> variables)
        {
            switch (e)
            {
                case BoundLiteralExpression literal:
                    return literal.Value;
                case BoundAliasExpression alias:
                    return Canonical(aliases[alias.Name], alias.Type);
                case BoundVariableExpression variable:
                    return variables[variable.Name];
                case BoundAsOfExpression:
                    return asOf;
                case BoundParameterExpression parameter:
                    return Canonical(parameters[parameter.Name], parameter.Type);
                case BoundMemberExpression member:
                {
                    var target = Eval(member.Target, variables);
                    return target is null ? null : Canonical(member.Member.Property.GetValue(target), member.Type);
                }

                case BoundConversionExpression conversion:
                    return Convert(conversion, Eval(conversion.Operand, variables));
                case BoundUnaryExpression unary:
                    return Unary(unary.Kind, Eval(unary.Operand, variables));
                case BoundBinaryExpression binary:
                    return Binary(binary, variables);
                case BoundMatchesExpression matches:
                {
                    if (Eval(matches.Input, variables) is not string input) return false;
                    if (matches.Regex is { } regex) return regex.IsMatch(input);
                    if (Eval(matches.PatternParameter!, variables) is not string pattern) return false;
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

                case BoundCallExpression call:
                    return Call(call, call.Arguments.Select(a => Eval(a, variables)).ToList());
                case BoundQuantifierExpression quantifier:
                    return Quantifier(quantifier, variables);
                case BoundListExpression list:
                    return MakeList(((PolicyType.ListType)list.Type).ElementClrType, list.Elements.Select(x => Eval(x, variables)));
                default:
                    throw new InvalidOperationException("cannot evaluate an expression with errors");
            }
        }

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

        private object? Binary(BoundBinaryExpression binary, ImmutableDictionary<string, object?> variables)
        {
            if (binary.Kind == BoundBinaryKind.And) return Eval(binary.Left, variables) is true && Eval(binary.Right, variables) is true;
            if (binary.Kind == BoundBinaryKind.Or) return Eval(binary.Left, variables) is true || Eval(binary.Right, variables) is true;
            var a = Eval(binary.Left, variables);
            var b = Eval(binary.Right, variables);
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

        private object? Call(BoundCallExpression call, List<object?> args)
        {
            var a = args[0];
            switch (call.Function)
            {
                case BuiltInFunction.DaysSince:
                    return a is null ? null : (decimal)(asOf.DayNumber - UtcDay(a).DayNumber);
                case BuiltInFunction.DaysBetween:
                    return a is null || args[1] is null ? null : (decimal)(UtcDay(args[1]!).DayNumber - UtcDay(a).DayNumber);
                case BuiltInFunction.HoursSince:
                {
                    if (a is null) return null;
                    var instant = a is DateOnly d ? Midnight(d) : (DateTimeOffset)a;
                    var elapsed = Midnight(asOf) - instant;
                    return decimal.Truncate((decimal)elapsed.Ticks / TimeSpan.TicksPerHour);
                }

                case BuiltInFunction.Len:
                    return a switch
                    {
                        null => null,
                        string s => (decimal)s.Length,
                        _ => (decimal)((IEnumerable)a).Cast<object?>().Count(),
                    };
                case BuiltInFunction.Lower:
                    return (a as string)?.ToLowerInvariant();
                case BuiltInFunction.Upper:
                    return (a as string)?.ToUpperInvariant();
                case BuiltInFunction.Trim:
                    return (a as string)?.Trim();
                case BuiltInFunction.IsBlank:
                    return a is not string text || text.All(char.IsWhiteSpace);
                case BuiltInFunction.Coalesce:
                    return args.FirstOrDefault(x => x is not null);
                case BuiltInFunction.Min:
                    return a is null || args[1] is null ? null : (decimal)a <= (decimal)args[1]! ? a : args[1];
                case BuiltInFunction.Max:
                    return a is null || args[1] is null ? null : (decimal)a >= (decimal)args[1]! ? a : args[1];
                case BuiltInFunction.Abs:
                    return a is null ? null : (decimal)a < 0 ? -(decimal)a : a;
                default:
                    return a is null ? null : decimal.Round((decimal)a, 0, MidpointRounding.AwayFromZero);
            }
        }

        private object? Quantifier(BoundQuantifierExpression quantifier, ImmutableDictionary<string, object?> variables)
        {
            var list = Eval(quantifier.List, variables) is IEnumerable items ? items.Cast<object?>().ToList() : [];
            object? Body(object? element) => Eval(quantifier.Body, variables.SetItem(quantifier.Variable, element));
            switch (quantifier.Kind)
            {
                case QuantifierKind.Exists:
                    return list.Exists(x => Body(x) is true);
                case QuantifierKind.All:
                    return list.TrueForAll(x => Body(x) is true);
                case QuantifierKind.None:
                    return !list.Exists(x => Body(x) is true);
                case QuantifierKind.Count:
                    return (decimal)list.Count(x => Body(x) is true);
                case QuantifierKind.Sum:
                {
                    var sum = 0m;
                    foreach (var element in list)
                    {
                        if (Body(element) is not decimal value) continue;
                        try
                        {
                            sum += value;
                        }
                        catch (OverflowException)
                        {
                            return null;
                        }
                    }

                    return sum;
                }

                default:
                    return MakeList(((PolicyType.ListType)quantifier.Type).ElementClrType, list.Where(x => Body(x) is true));
            }
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

        private static DateOnly UtcDay(object value) =>
            value is DateOnly d ? d : DateOnly.FromDateTime(((DateTimeOffset)value).UtcDateTime);

        private static DateTimeOffset Midnight(DateOnly date) => new(date.Year, date.Month, date.Day, 0, 0, 0, TimeSpan.Zero);
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

    private static IList MakeList(Type element, IEnumerable<object?> values)
    {
        var items = values.ToList();
        var array = Array.CreateInstance(element, items.Count);
        for (var i = 0; i < items.Count; i++) array.SetValue(items[i], i);
        return array;
    }
}
