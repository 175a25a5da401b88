using Deeg.Policy;
using Deeg.Policy.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Deeg.Policy in a service collection.</summary>
public static class DeegPolicyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the policy engine, configured only through <see cref="DeegPolicyOptions"/>
    /// (for example bound to configuration). See <see cref="AddDeegPolicy(IServiceCollection, Action{PolicyEngineBuilder})"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddDeegPolicy(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton<IPolicyEngineProvider, PolicyEngineProvider>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IPolicyEngineProvider>().Current);
        services.TryAddSingleton<IPolicyEvaluator, PolicyEvaluator>();
        return services;
    }

    /// <summary>
    /// Registers the policy engine: <c>services.AddDeegPolicy(policy => policy.AddBuiltInRuleSets().AddRuleSetFile("rules/acme.rules.json"))</c>.
    /// Resolves <see cref="IPolicyEvaluator"/> (evaluations with the engine in service),
    /// <see cref="IPolicyEngineProvider"/> (the engine in service, rebuilt when a rule-set file or
    /// the options change) and <see cref="PolicyEngine"/> (a singleton: the engine in service when
    /// it is first resolved — inject <see cref="IPolicyEvaluator"/> or
    /// <see cref="IPolicyEngineProvider"/> to follow reloads). The engine is built when one of them is
    /// first resolved; rule-set errors then throw <see cref="RuleSetValidationException"/>. May be
    /// called more than once: the callbacks add up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures each engine built (it runs again on every rebuild, so it must be repeatable).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IServiceCollection AddDeegPolicy(this IServiceCollection services, Action<PolicyEngineBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddDeegPolicy();
        services.Configure<DeegPolicyOptions>(options => options.ConfigureEngine.Add(configure));
        return services;
    }

    /// <summary>
    /// Registers the policy engine (see <see cref="AddDeegPolicy(IServiceCollection, Action{PolicyEngineBuilder})"/>)
    /// and configures its <see cref="DeegPolicyOptions"/>, e.g. to turn off watching or to poll.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures each engine built.</param>
    /// <param name="configureOptions">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="configure"/> or <paramref name="configureOptions"/> is null.</exception>
    public static IServiceCollection AddDeegPolicy(this IServiceCollection services, Action<PolicyEngineBuilder> configure, Action<DeegPolicyOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddDeegPolicy(configure);
        services.Configure(configureOptions);
        return services;
    }
}
