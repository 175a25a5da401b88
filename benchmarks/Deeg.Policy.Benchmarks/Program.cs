using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project benchmarks/Deeg.Policy.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
