using Deeg.Policy.Cli;

// Ctrl+C stops long-running commands (watch) cleanly instead of killing the process.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return CliApp.Run(args, Console.Out, Console.Error, cancellation.Token);
