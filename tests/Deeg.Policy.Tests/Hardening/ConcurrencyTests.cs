using Deeg.Policy.Tests.Sessions;

namespace Deeg.Policy.Tests.Hardening;

/// <summary>One <see cref="PolicyEngine"/> shared by all cores gives exactly the reports of a sequential run.</summary>
public class ConcurrencyTests
{
    [Fact]
    public void Hundreds_of_models_on_all_cores_give_the_same_reports_as_one_after_another()
    {
        var engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build();
        var models = Enumerable.Range(0, 200).Select(seed => new RandomModels(seed).Model()).ToList();
        var options = new EvaluationOptions { AsOf = RandomModels.AsOf, Explain = true };

        var sequential = models.Select(m => engine.Evaluate(m, options).ToJson()).ToList();

        var parallel = new string[models.Count];
        Hostile.Bounded(() =>
        {
            Parallel.For(0, models.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, i =>
            {
                parallel[i] = engine.Evaluate(models[i], options).ToJson();
            });
            return true;
        }, "the parallel run");

        for (var i = 0; i < models.Count; i++) Assert.True(sequential[i] == parallel[i], $"model {i} differs when evaluated in parallel");

        // The run is not trivial: the models produce findings.
        Assert.True(sequential.Count(r => r.Contains("\"ruleId\"", StringComparison.Ordinal)) > models.Count / 2);
    }

    [Fact]
    public void Sessions_on_one_engine_run_side_by_side_with_the_same_results()
    {
        var engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build();
        var options = new EvaluationOptions { AsOf = RandomModels.AsOf };

        string Run(int seed)
        {
            var random = new RandomModels(1000 + seed);
            using var session = engine.OpenSession(random.Model(), options);
            for (var step = 0; step < 15; step++)
            {
                var (upsert, _, _) = random.Change(session.Model);
                if (upsert is null) continue;
                try
                {
                    session.Upsert(upsert);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException)
                {
                    // refused: the session is unchanged
                }
            }

            return session.Report().ToJson();
        }

        var count = Math.Max(8, 2 * Environment.ProcessorCount);
        var sequential = Enumerable.Range(0, count).Select(Run).ToList();
        var parallel = new string[count];
        Hostile.Bounded(() =>
        {
            Parallel.For(0, count, i => parallel[i] = Run(i));
            return true;
        }, "parallel sessions");
        Assert.Equal(sequential, parallel);
    }
}
