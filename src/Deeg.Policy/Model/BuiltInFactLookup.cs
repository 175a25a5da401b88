namespace Deeg.Policy.Model;

/// <summary>The built-in facts of a model by type name and id; the first of two facts with one id wins.</summary>
internal sealed class BuiltInFactLookup(PolicyModel model) : IFactLookup
{
    private readonly Lazy<Dictionary<(string Type, string Id), object>> _facts = new(() =>
    {
        var facts = new Dictionary<(string, string), object>();
        void Add<T>(string type, IEnumerable<T> list)
            where T : IFact
        {
            foreach (var fact in list)
            {
                if (fact?.Id is { } id) facts.TryAdd((type, id), fact);
            }
        }

        Add("Organisation", [model.Organisation]);
        Add("Channel", model.Channels);
        Add("Person", model.People);
        Add("RoleAssignment", model.Roles);
        Add("Policy", model.Policies);
        Add("UseCase", model.UseCases);
        Add("Stakeholder", model.Stakeholders);
        Add("Mention", model.Mentions);
        Add("Post", model.Posts);
        Add("Training", model.Trainings);
        return facts;
    });

    public object? Find(string factType, string id) => _facts.Value.GetValueOrDefault((factType, id));
}
