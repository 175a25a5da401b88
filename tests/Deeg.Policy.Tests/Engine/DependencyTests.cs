using System.Reflection;

namespace Deeg.Policy.Tests.Engine;

/// <summary>The engine compiles rules with expression trees only: no Roslyn, no scripting, no Dynamic LINQ.</summary>
public class DependencyTests
{
    [Fact]
    public void No_compiler_or_scripting_assembly_is_in_the_dependency_graph()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<AssemblyName>([typeof(PolicyEngine).Assembly.GetName()]);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!seen.Add(name.Name!)) continue;
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies()) queue.Enqueue(reference);
        }

        Assert.Contains("NRules", seen);
        Assert.Contains("NRules.RuleModel", seen);
        Assert.DoesNotContain(seen, n => n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(seen, n => n.Contains("Scripting", StringComparison.Ordinal));
        Assert.DoesNotContain(seen, n => n.StartsWith("System.Linq.Dynamic", StringComparison.Ordinal));
        Assert.DoesNotContain("NRules.Fluent", seen);
    }
}
