// A Generic Host worker: watches a folder of organisation models, keeps one incremental
// PolicySession per organisation and logs the findings that open and close as files change.
//   dotnet run --project samples/Deeg.Policy.Samples.Worker [-- --Models:Folder=<folder>]
// Options come from configuration (command line, environment, appsettings.json):
//   Models:Folder (default samples/models), Models:PollInterval, Models:Language,
//   Models:History=team.db (or a PostgreSQL connection string) to record every evaluation into a history,
//   DeegPolicy:RuleSetFiles:0=… to add own rule sets (watched and reloaded when they change).
using Deeg.Policy;
using Deeg.Policy.Samples.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
});

builder.Services.Configure<ModelFolderOptions>(builder.Configuration.GetSection("Models"));
builder.Services.Configure<DeegPolicyOptions>(builder.Configuration.GetSection("DeegPolicy"));
builder.Services.AddDeegPolicy(policy => policy.AddBuiltInRuleSets());
builder.Services.AddHostedService<ModelFolderWorker>();

builder.Build().Run();
