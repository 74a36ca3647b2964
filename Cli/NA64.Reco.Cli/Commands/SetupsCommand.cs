using System.CommandLine;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 setups [NAME|FILE]</c>: without an argument, the built-in setups (name, programme, id, description); with a
/// built-in's name, its document as written, to start a new setup from; with a file, the setup it loads as (validated).
/// docs/setups.md describes the format.
/// </summary>
public static class SetupsCommand
{
    private const string Verb = "setups";

    public static Command Create()
    {
        var setup = new Argument<string?>("setup") { Description = "A built-in setup's name (prints its document) or a setup file (checks it)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(Verb, "List the built-in setups, print one's document, or check a setup file (docs/setups.md)") { setup };
        command.SetAction(parse => CliErrors.Guard(Verb, parse.InvocationConfiguration.Error, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var named = parse.GetValue(setup);
            if (named is null)
            {
                foreach (var name in SetupCatalog.Names)
                {
                    var s = SetupCatalog.Find(name)!;
                    output.WriteLine($"{s.Name,-16} {s.Programme.ToString().ToLowerInvariant(),-10} {s.Id,-32} {s.Description}");
                }
                return 0;
            }
            if (SetupCatalog.Find(named) is not null)
            {
                output.Write(SetupCatalog.Text(named));
                return 0;
            }
            var loaded = SetupCatalog.Resolve(named);
            output.WriteLine($"{loaded.Name}: {loaded.Programme.ToString().ToLowerInvariant()} programme, setup {loaded.Id}, conditions {loaded.Conditions.Id}");
            return 0;
        }));
        return command;
    }
}
