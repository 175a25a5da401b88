using System.Diagnostics.Tracing;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// Samples the runtime's allocation ticks (one event per ~100 KB allocated, with the type of the
/// object that crossed the mark) while enabled: which types a stage allocates (<c>--profile M alloc</c>).
/// </summary>
internal sealed class AllocationListener : EventListener
{
    private readonly Dictionary<string, long> _bytes = [];

    public bool Recording { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var large = e.PayloadNames.IndexOf("AllocationKind") is var k and >= 0 && Convert.ToInt32(e.Payload[k], System.Globalization.CultureInfo.InvariantCulture) == 1;
        if (large) type = "LOH " + type;
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }

    public void Print(int top = 30)
    {
        lock (_bytes)
        {
            var total = _bytes.Values.Sum();
            Console.WriteLine($"sampled allocations: {total / 1e6:F1} MB");
            foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(top)) Console.WriteLine($"{bytes / 1e6,8:F1} MB {type}");
        }
    }
}
