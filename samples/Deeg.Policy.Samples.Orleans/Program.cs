using Deeg.Policy.Samples.Orleans;

// dotnet run --project samples/Deeg.Policy.Samples.Orleans              the demo: one local silo, samples/models
// dotnet run --project samples/Deeg.Policy.Samples.Orleans -- silo …    one silo of a local cluster (see LocalSilo.RunAsync)
// dotnet run -c Release --project samples/Deeg.Policy.Samples.Orleans -- bench [--silos 1,2,3] [--orgs 400] [--seconds 10] [--concurrency 64]
return args.FirstOrDefault() switch
{
    "bench" => await Bench.RunAsync(args),
    "silo" => await LocalSilo.RunAsync(args),
    null or "demo" => await Demo.RunAsync(args),
    var other => Usage(other),
};

static int Usage(string command)
{
    Console.Error.WriteLine($"unknown command '{command}'. Commands: demo (default) [--models DIR], bench [--silos 1,2,3] [--orgs N] [--seconds S] [--concurrency C], silo --index I");
    return 2;
}
