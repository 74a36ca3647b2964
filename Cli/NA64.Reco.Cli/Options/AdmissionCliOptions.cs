using System.CommandLine;
using System.Globalization;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Inputs;

namespace NA64.Reco.Cli.Options;

/// <summary>
/// What the campaign service of <c>na64 run</c> and <c>na64 node</c> admits: the folders raw inputs must lie under
/// (<c>--data-root</c>, repeatable, else NA64_DATA_ROOTS, else the verb's default) and the largest campaign
/// (<c>--max-campaign-spills</c>, <c>--max-campaign-events</c>).
/// </summary>
internal sealed class AdmissionCliOptions(string rootsDefault)
{
    private readonly Option<string[]> _roots = new("--data-root")
    {
        Description = $"A folder raw inputs may lie under (repeat for more; default ${DataRoots.Variable}, else {rootsDefault})",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<long> _maxSpills = new("--max-campaign-spills")
    {
        Description = "Largest campaign admitted: spills in all",
        DefaultValueFactory = _ => CampaignLimits.DefaultMaxSpills,
    };

    private readonly Option<long> _maxEvents = new("--max-campaign-events")
    {
        Description = "Largest campaign admitted: simulated events in all (spills x events_per_spill)",
        DefaultValueFactory = _ => CampaignLimits.DefaultMaxEvents,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_roots);
        command.Options.Add(_maxSpills);
        command.Options.Add(_maxEvents);
    }

    /// <summary>
    /// The data roots given, else those of NA64_DATA_ROOTS, else <paramref name="defaults"/> (none: no raw inputs);
    /// an <see cref="ArgumentException"/> names a folder that does not exist.
    /// </summary>
    public DataRoots Roots(ParseResult parse, IEnumerable<string> defaults)
    {
        var given = parse.GetValue(_roots) ?? [];
        if (given.Length > 0) return DataRoots.Of(given);
        return DataRoots.FromEnvironment() ?? DataRoots.Of(defaults, "data root");
    }

    /// <summary>The limits; an <see cref="ArgumentException"/> when one is not positive.</summary>
    public CampaignLimits Limits(ParseResult parse)
    {
        var spills = parse.GetValue(_maxSpills);
        var events = parse.GetValue(_maxEvents);
        if (spills < 1 || events < 1)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--max-campaign-spills and --max-campaign-events must be at least 1 (got {spills} and {events})"));
        return new CampaignLimits(spills, events);
    }
}
