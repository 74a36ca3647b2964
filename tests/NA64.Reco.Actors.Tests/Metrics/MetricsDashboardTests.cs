using System.Text.Json;
using System.Text.RegularExpressions;
using NA64.Reco.Actors.Metrics;

namespace NA64.Reco.Actors.Tests.Metrics;

/// <summary>
/// The Grafana dashboard under k8s/monitoring queries the names the nodes export, and shows every one of them; the
/// worker autoscaler's query asks for the campaign demand by the name the coordinator exports it under.
/// </summary>
public sealed partial class MetricsDashboardTests
{
    [Fact]
    public void The_dashboard_queries_exactly_the_pipelines_instruments()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, "k8s", "monitoring", "na64-dashboard.json")));

        var queried = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .SelectMany(e => Name().Matches(e).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(Na64Metrics.PrometheusNames.Order(StringComparer.Ordinal), queried.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_worker_autoscaler_follows_the_exported_worker_demand()
    {
        var scaledObject = File.ReadAllText(Path.Combine(Repository.Root, "k8s", "overlays", "mc-campaign", "scaledobject.yaml"));
        var query = Assert.Single(QueryLine().Matches(scaledObject)).Groups[1].Value;

        Assert.Equal(["na64_reco_workers_wanted"], Name().Matches(query).Select(m => m.Groups[1].Value));
        Assert.Contains("na64_reco_workers_wanted", Na64Metrics.PrometheusNames);
    }

    [GeneratedRegex(@"^\s*query:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex QueryLine();

    /// <summary>A pipeline metric in a query, without a histogram's series suffix.</summary>
    [GeneratedRegex(@"\b(na64_reco_[a-z_]+?)(?:_bucket|_sum|_count)?\b")]
    private static partial Regex Name();
}
