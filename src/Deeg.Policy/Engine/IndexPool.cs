using System.Collections.Concurrent;
using Deeg.Policy.Runtime;

namespace Deeg.Policy.Engine;

/// <summary>
/// The join indexes of finished one-shot evaluations, emptied, for the next ones (see
/// <see cref="JoinIndex.Reset"/>): at most one per processor, each as large as the largest model
/// it served, so an evaluation does not allocate its indexes afresh. Thread-safe.
/// </summary>
internal sealed class IndexPool(IReadOnlyList<IndexSpec> specs)
{
    private readonly ConcurrentBag<JoinIndex> _pool = [];

    /// <summary>Empty indexes for a one-shot evaluation (which records no anchors).</summary>
    public JoinIndex Rent()
    {
        if (!_pool.TryTake(out var index)) return new JoinIndex(specs, null);
        index.Reset(null);
        return index;
    }

    /// <summary>Takes back the indexes of a finished one-shot evaluation.</summary>
    public void Return(JoinIndex index)
    {
        if (_pool.Count < Environment.ProcessorCount) _pool.Add(index);
    }
}
