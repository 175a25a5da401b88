using Microsoft.Extensions.Logging;

namespace Deeg.Policy.Extensions.DependencyInjection;

/// <summary>
/// Watches a fixed set of files and calls back with the path of one that was written, created,
/// renamed or deleted: with one non-recursive <see cref="FileSystemWatcher"/> per folder (editors
/// that save by writing a temporary file and renaming it are covered), or by polling timestamps
/// and lengths. The callback runs on a thread-pool thread and must not block for long.
/// </summary>
internal sealed class RuleSetFileWatcher : IDisposable
{
    private static readonly StringComparer PathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly HashSet<string> _files;
    private readonly Action<string> _changed;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer? _poll;
    private readonly Dictionary<string, (DateTime, long)> _stamps;
    private readonly object _pollLock = new();

    public RuleSetFileWatcher(IEnumerable<string> fullPaths, bool polling, TimeSpan pollingInterval, Action<string> changed, ILogger logger)
    {
        _files = new HashSet<string>(fullPaths, PathComparer);
        _changed = changed;
        Polling = polling;
        _stamps = _files.ToDictionary(f => f, Stamp, PathComparer);
        if (_files.Count == 0) return;

        if (polling)
        {
            foreach (var file in _files) Log.Watching(logger, file, "polling");
            var interval = pollingInterval > TimeSpan.Zero ? pollingInterval : TimeSpan.FromSeconds(1);
            _poll = new Timer(_ => Poll(), null, interval, interval);
            return;
        }

        foreach (var folder in _files.GroupBy(f => Path.GetDirectoryName(f) ?? ".", PathComparer))
        {
            if (!Directory.Exists(folder.Key))
            {
                Log.CannotWatch(logger, folder.Key);
                continue;
            }

            var watcher = new FileSystemWatcher(folder.Key)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnEvent;
            watcher.Created += OnEvent;
            watcher.Deleted += OnEvent;
            watcher.Renamed += OnRenamed;
            watcher.Error += (_, _) => _changed(folder.First());   // lost events: rebuild to be safe
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
            foreach (var file in folder) Log.Watching(logger, file, "file-system events");
        }
    }

    /// <summary>The watched files (full paths).</summary>
    public IReadOnlyCollection<string> Files => _files;

    /// <summary>Whether the watcher polls.</summary>
    public bool Polling { get; }

    /// <summary>Whether this watcher already watches exactly <paramref name="fullPaths"/> in the given mode.</summary>
    public bool Watches(IEnumerable<string> fullPaths, bool polling) => polling == Polling && _files.SetEquals(fullPaths);

    public void Dispose()
    {
        _poll?.Dispose();
        foreach (var watcher in _watchers) watcher.Dispose();
        _watchers.Clear();
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        if (_files.Contains(e.FullPath)) _changed(e.FullPath);
    }

    private void OnRenamed(object sender, RenamedEventArgs e)
    {
        if (_files.Contains(e.FullPath)) _changed(e.FullPath);
        else if (_files.Contains(e.OldFullPath)) _changed(e.OldFullPath);
    }

    private void Poll()
    {
        if (!Monitor.TryEnter(_pollLock)) return;
        try
        {
            foreach (var file in _files)
            {
                var stamp = Stamp(file);
                if (_stamps[file] == stamp) continue;
                _stamps[file] = stamp;
                _changed(file);
            }
        }
        finally
        {
            Monitor.Exit(_pollLock);
        }
    }

    private static (DateTime, long) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }
}
