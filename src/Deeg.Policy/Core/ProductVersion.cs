using System.Reflection;

namespace Deeg.Policy.Core;

/// <summary>
/// The version of a Deeg.Policy assembly as reports and telemetry show it: the informational
/// version without its <c>+commit</c> suffix, else the assembly version (<c>1.0.0</c>).
/// </summary>
internal static class ProductVersion
{
    public static string Of(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            var v = assembly.GetName().Version;
            return v is null ? "0.0.0" : $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
