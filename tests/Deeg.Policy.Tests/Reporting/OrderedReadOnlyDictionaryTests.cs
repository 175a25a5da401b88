using Deeg.Policy.Reporting;

namespace Deeg.Policy.Tests.Reporting;

/// <summary>The facts of a finding by alias: insertion order, first value of a repeated key, lookups by scan or by table.</summary>
public class OrderedReadOnlyDictionaryTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(20)]
    public void Keeps_the_order_and_the_first_value_of_a_repeated_key(int count)
    {
        var items = Enumerable.Range(0, count).Select(i => KeyValuePair.Create("k" + i, i))
            .Concat(Enumerable.Range(0, count).Select(i => KeyValuePair.Create("k" + i, -i)));
        var dictionary = new OrderedReadOnlyDictionary<string, int>(items);
        Assert.Equal(count, dictionary.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => "k" + i), dictionary.Keys);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, dictionary["k" + i]);
            Assert.True(dictionary.ContainsKey("k" + i));
        }

        Assert.False(dictionary.TryGetValue("missing", out _));
        Assert.Throws<KeyNotFoundException>(() => dictionary["missing"]);
    }
}
