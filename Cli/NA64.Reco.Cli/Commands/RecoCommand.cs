using System.CommandLine;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Cli.Reports;
using NA64.Reco.Cli.Options;
using NA64.Reco.Cli.Campaigns;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 reco</c>: single-threaded reconstruction of spill files — the bare reference the cluster is
/// measured and checked against. A corrupt file is quarantined with its reason, a file that cannot be read (or is not
/// a regular file) is reported as unreadable; the others are processed, and the exit code is 3 if any was set aside.
/// </summary>
public static class RecoCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Spill files or folders of them", Arity = ArgumentArity.OneOrMore };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file" };
        var conditions = ConditionsOption.Create();
        var command = new Command("reco", "Reconstruct spill files single-threaded and print cut-flow, EOT and checks") { paths, json, conditions };
        command.SetAction(parse => CliErrors.Guard("reco", parse.InvocationConfiguration.Error, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var c = ConditionsOption.Load(parse.GetValue(conditions));
            var error = parse.InvocationConfiguration.Error;
            var skipped = new List<Unreadable>();
            var files = SpillFileNames.Expand(parse.GetValue(paths)!, (file, why) =>
            {
                error.WriteLine($"na64 reco: {file}: skipped: {why}");
                skipped.Add(new Unreadable(file, why));
            });
            var report = Run(files, c, error);
            report.Unreadable.InsertRange(0, skipped);
            output.Write(report.ToText());
            if (parse.GetValue(json) is { } jsonFile)
            {
                using var stream = File.Create(jsonFile.FullName);
                report.WriteJson(stream);
            }
            return report.Quarantined.Count == 0 && report.Unreadable.Count == 0 ? 0 : 3;
        }));
        return command;
    }

    /// <summary>Processes the files in order; each spill's EOT is counted once, from its header.</summary>
    public static RecoReport Run(IReadOnlyList<string> files, Physics.Detector.DetectorConditions conditions, TextWriter error)
    {
        var processor = new ChunkProcessor(conditions);
        var report = new RecoReport(conditions);
        foreach (var file in files)
        {
            try
            {
                SpillHeader header;
                long events;
                using (var reader = SpillFileReader.Open(file))
                {
                    header = reader.Header;
                    events = reader.EventCount;
                }
                var summary = processor.Process(new RawFileChunk(file, header.Spill, 0, 0, checked((int)events)));
                summary.Eot = header.Eot;
                summary.Spills = 1;
                report.Add(header.Sample, summary);
            }
            catch (RawFormatException e)
            {
                error.WriteLine($"na64 reco: {e.Message}");
                report.Quarantined.Add(new Quarantine(e.File, e.Offset, e.Message));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not the file's content: it could not be read now. Reported apart; the other files go on.
                error.WriteLine($"na64 reco: {file}: cannot be read: {e.Message}");
                report.Unreadable.Add(new Unreadable(file, e.Message));
            }
        }
        return report;
    }
}
