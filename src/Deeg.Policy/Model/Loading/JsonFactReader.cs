using System.Numerics;
using System.Reflection;
using Deeg.Policy.Diagnostics;
using Newtonsoft.Json.Linq;
using Deeg.Policy.Core;

namespace Deeg.Policy.Model.Loading;

/// <summary>
/// Reads JSON objects into instances of a <see cref="TypeSchema"/>. Every problem becomes a
/// diagnostic at the offending token and reading goes on, so one pass reports all of them; an
/// object with any problem yields no instance.
/// </summary>
internal sealed class JsonFactReader
{
    private readonly JsonSource _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly FactIdTable _facts;

    public JsonFactReader(JsonSource source, DiagnosticBag diagnostics, FactIdTable facts)
    {
        _source = source;
        _diagnostics = diagnostics;
        _facts = facts;
    }

    /// <summary>Reads a fact and records its id (even when other fields are wrong, so references to it are not reported too).</summary>
    public object? ReadFact(JObject obj, TypeSchema schema)
    {
        var instance = ReadObject(obj, schema, out var id, out var idToken);
        if (id is not null)
        {
            var at = _source.Locate(idToken ?? obj);
            _facts.AddFact(schema.Name, id, at, $"line {at.Line}, column {at.Column}");
        }

        return instance;
    }

    /// <summary>Reads a top-level scalar such as <c>asOf</c> (owner "the model").</summary>
    public bool TryReadValue(JToken token, FieldType type, FieldRef field, out object? value) => TryRead(token, type, field, out value);

    private object? ReadObject(JObject obj, TypeSchema schema, out string? id, out JToken? idToken)
    {
        id = null;
        idToken = null;
        var values = new object?[schema.Fields.Count];
        var present = new bool[schema.Fields.Count];
        var ok = true;

        foreach (var property in obj.Properties())
        {
            if (!schema.TryGetField(property.Name, out var field))
            {
                Error(DiagnosticCodes.ModelUnknownField, property, Messages.UnknownField(property.Name, schema.Name, schema.FieldNames));
                ok = false;
                continue;
            }

            var label = new FieldRef(field.Name, schema.Name);
            var index = schema.IndexOf(field);
            if (property.Value.Type == JTokenType.Null)
            {
                // null is "absent" — which a required field cannot be.
                if (field.Required)
                {
                    Error(DiagnosticCodes.ModelMissingField, property.Value, Messages.NullRequired(label));
                    ok = false;
                }

                continue;
            }

            if (!TryRead(property.Value, field.Type, label, out var value) || !CheckField(field, label, value, property.Value))
            {
                ok = false;
                continue;
            }

            values[index] = value;
            present[index] = true;
            if (field.Name == "id") idToken = property.Value;
        }

        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var field = schema.Fields[i];
            if (present[i] || !field.Required || obj.ContainsKey(field.Name)) continue;
            Error(DiagnosticCodes.ModelMissingField, obj, Messages.MissingField(field.Name, schema.Name));
            ok = false;
        }

        if (schema.IdField is { } idField)
        {
            var idIndex = schema.IndexOf(idField);
            if (!present[idIndex] && schema.DerivedIdFrom.Count > 0 && obj["id"] is null or { Type: JTokenType.Null })
                present[idIndex] = TryDeriveId(obj, schema, values, present, out values[idIndex]);
            id = present[idIndex] ? values[idIndex] as string : null;
        }

        return ok ? Create(obj, schema, values, present) : null;
    }

    /// <summary>Checks that need the whole field: non-empty ids and required strings, ranges, references.</summary>
    private bool CheckField(FieldSpec field, FieldRef label, object? value, JToken token)
    {
        if (field.NonEmpty && value is string s && string.IsNullOrWhiteSpace(s))
        {
            Error(DiagnosticCodes.ModelMissingField, token, Messages.Empty(label));
            return false;
        }

        // Ids and references name facts in subject references (Type/id), reports and waivers: one line of visible text.
        if ((field.Name == "id" || field.RefersTo is not null) && value is string text && text.Any(char.IsControl))
        {
            Error(DiagnosticCodes.ModelControlCharacterInId, token, $"{label} must not contain control characters such as line breaks or tabs");
            return false;
        }

        if (value is not null && field.RangeProblem(value) is { } problem)
        {
            Error(DiagnosticCodes.ModelValueOutOfRange, token, Messages.OutOfRange(label, Messages.Raw(token), problem));
            return false;
        }

        if (field.RefersTo is { } target && value is string reference)
            _facts.AddReference(target, reference, label, _source.Locate(token));
        return true;
    }

    /// <summary>A derived id (<see cref="DerivedIdAttribute"/>): the listed fields joined with ':' (absent ones empty, enums camelCase, dates YYYY-MM-DD).</summary>
    private static bool TryDeriveId(JObject obj, TypeSchema schema, object?[] values, bool[] present, out object? id)
    {
        var parts = new List<string>();
        foreach (var name in schema.DerivedIdFrom)
        {
            schema.TryGetField(name, out var field);
            var i = schema.IndexOf(field);

            // A part that is wrong, or required and missing, was reported already; there is no id
            // then (an id built from the rest could only cause a spurious duplicate).
            if (!present[i] && (field.Required || obj[name] is not (null or { Type: JTokenType.Null })))
            {
                id = null;
                return false;
            }

            parts.Add(TypeSchema.DerivedIdPart(values[i]));
        }

        id = string.Join(':', parts);
        return true;
    }

    private object? Create(JObject obj, TypeSchema schema, object?[] values, bool[] present)
    {
        if (schema.IsBuiltIn) return schema.Create(values, present);
        try
        {
            return schema.Create(values, present);
        }
        catch (TargetInvocationException ex)
        {
            // A host type's constructor or setter may validate its input; that is a finding about the input.
            Error(DiagnosticCodes.ModelValueOutOfRange, obj, Messages.Rejected(schema.Name, ex.InnerException?.Message ?? ex.Message));
            return null;
        }
    }

    private bool TryRead(JToken token, FieldType type, FieldRef field, out object? value)
    {
        value = null;
        switch (type.Kind)
        {
            case FieldKind.String when token.Type == JTokenType.String:
                value = (string)token!;
                return true;
            case FieldKind.Bool when token.Type == JTokenType.Boolean:
                value = (bool)token;
                return true;
            case FieldKind.Integer or FieldKind.Number when token.Type is JTokenType.Integer or JTokenType.Float:
                return TryReadNumber((JValue)token, type, field, out value);
            case FieldKind.Date when token.Type == JTokenType.String:
                if (IsoDates.TryDate((string)token!, out var date))
                {
                    value = date;
                    return true;
                }

                return Error(DiagnosticCodes.ModelInvalidDate, token, Messages.InvalidDate(field, (string)token!));
            case FieldKind.DateTime when token.Type == JTokenType.String:
                return TryReadDateTime(token, type, field, out value);
            case FieldKind.Enum when token.Type == JTokenType.String:
                return TryReadEnum(token, type.Clr, field, out value);
            case FieldKind.List when token is JArray array:
                return TryReadList(array, type, field, out value);
            case FieldKind.Object when token is JObject obj:
                var schema = FactSchemas.ForNested(type.Clr);
                if (schema.CannotCreate is not null) return Error(DiagnosticCodes.ModelWrongType, token, Messages.CannotRead(field, type.Clr));
                value = ReadObject(obj, schema, out _, out _);
                return value is not null;
            case FieldKind.Unsupported:
                return Error(DiagnosticCodes.ModelWrongType, token, Messages.CannotRead(field, type.Clr));
            default:
                return Error(DiagnosticCodes.ModelWrongType, token, Messages.WrongType(field, type.Expected, Messages.JsonType(token)));
        }
    }

    private bool TryReadList(JArray array, FieldType type, FieldRef field, out object? value)
    {
        value = null;
        var items = new List<object?>(array.Count);
        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            // Elements are never optional: null in a list is a wrong type, not "absent".
            if (TryRead(array[i], type.Element!, field.Element(i), out var item)) items.Add(item);
            else ok = false;
        }

        if (ok) value = type.MakeList(items);
        return ok;
    }

    private bool TryReadDateTime(JToken token, FieldType type, FieldRef field, out object? value)
    {
        value = null;
        var text = (string)token!;
        switch (IsoDates.TryDateTime(text, out var at))
        {
            case IsoDates.DateTimeParse.Ok:
                value = type.Clr == typeof(DateTime) ? at.UtcDateTime : at;
                return true;
            case IsoDates.DateTimeParse.NoOffset:
                return Error(DiagnosticCodes.ModelInvalidDate, token, Messages.NoOffset(field, text));
            default:
                return Error(DiagnosticCodes.ModelInvalidDate, token, Messages.InvalidDateTime(field, text));
        }
    }

    /// <summary>Case-insensitive camelCase names only: no numbers, numeric strings or comma lists (which Enum.Parse would take).</summary>
    private bool TryReadEnum(JToken token, Type enumType, FieldRef field, out object? value)
    {
        var text = (string)token!;
        var name = Enum.GetNames(enumType).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = name is null ? null : Enum.Parse(enumType, name);
        return name is not null || Error(DiagnosticCodes.ModelUnknownEnumValue, token, Messages.UnknownEnum(field, text, enumType));
    }

    /// <summary>Newtonsoft gives long, BigInteger, decimal (floats) or double (NaN, Infinity); each is checked against the CLR type.</summary>
    private bool TryReadNumber(JValue token, FieldType type, FieldRef field, out object? value)
    {
        value = null;
        var raw = Messages.Raw(token);
        decimal number;
        switch (token.Value)
        {
            case long l:
                number = l;
                break;
            case decimal d:
                number = d;
                break;
            case BigInteger b when b >= new BigInteger(decimal.MinValue) && b <= new BigInteger(decimal.MaxValue):
                number = (decimal)b;
                break;
            case double x when double.IsFinite(x) && Math.Abs(x) < 7.9e28:
                number = (decimal)x;
                break;
            case double x when double.IsNaN(x):
                return Error(DiagnosticCodes.ModelValueOutOfRange, token, Messages.OutOfRange(field, raw, "it is not a number"));
            default:
                return Error(DiagnosticCodes.ModelValueOutOfRange, token, Messages.OutOfRange(field, raw, "it is too large"));
        }

        if (type.Kind == FieldKind.Integer)
        {
            if (number != decimal.Truncate(number)) return Error(DiagnosticCodes.ModelValueOutOfRange, token, Messages.NotInteger(field, raw));
            var (min, max) = type.IntegerRange;
            if (number < min || number > max)
                return Error(DiagnosticCodes.ModelValueOutOfRange, token, Messages.OutOfRange(field, raw, $"it must be between {min} and {max}"));
        }

        value = type.FromDecimal(number);
        return true;
    }

    /// <summary>Reports an error at <paramref name="token"/>; returns false so callers can <c>return Error(…)</c>.</summary>
    private bool Error(string code, JToken token, string message)
    {
        _diagnostics.Error(code, _source.Locate(token), message);
        return false;
    }
}
