using System.Globalization;
using Deeg.Policy.History;
using Deeg.Policy.History.TestWriter;

// deeg-history-test-writer <target> <organisation> <runs> <findings> [--hold]
// Records <runs> runs of <findings> findings each, asOf one day apart; prints "recorded N" after each run.
// --hold: prints "holding" just before the first run commits and waits to be killed.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: <target> <organisation> <runs> <findings> [--hold]");
    return 2;
}

var target = args[0];
var organisation = args[1];
var runs = int.Parse(args[2], CultureInfo.InvariantCulture);
var findings = int.Parse(args[3], CultureInfo.InvariantCulture);
var hold = args.Contains("--hold");
try
{
    using var store = HistoryStore.Open(target);
    if (hold)
    {
        ((DbHistoryStore)store).BeforeCommit = () =>
        {
            Console.WriteLine("holding");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        };
    }

    for (var i = 0; i < runs; i++)
    {
        store.Record(SyntheticReports.Large(organisation, new DateOnly(2026, 1, 1).AddDays(i), findings));
        Console.WriteLine("recorded " + (i + 1).ToString(CultureInfo.InvariantCulture));
    }

    return 0;
}
catch (HistoryException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 3;
}
