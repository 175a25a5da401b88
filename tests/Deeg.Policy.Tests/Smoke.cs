
namespace Deeg.Policy.Tests; public class Smoke { [Fact] public void BuiltInRegistryHasTenFactTypes() => Assert.Equal(10, Deeg.Policy.Model.BuiltInFactTypes.CreateRegistry().FactTypes.Count()); }
