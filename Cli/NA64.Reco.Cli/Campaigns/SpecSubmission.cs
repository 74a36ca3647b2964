using System.Text;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Setups;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;

namespace NA64.Reco.Cli.Campaigns;

/// <summary>
/// A spec file made into a submission, as every submitting verb does it (<c>run</c>, <c>node --campaign</c>,
/// <c>submit</c>): the file read once, checked here so that a broken spec fails before any node starts, and the
/// conditions file it names read here too, because the submitter has it and the campaign manager's node may not.
/// <c>run</c> and <c>node --campaign</c> resolve relative raw paths against the spec's folder; <c>submit</c> sends no
/// folder (the node resolves them under its first data root). Either way they must lie under the manager's node's data roots.
/// </summary>
internal sealed record SpecSubmission(CampaignSpec Spec, SubmitCampaign Submit, string? ConditionsPath)
{
    /// <summary>Largest spec file read (a spec is a few kB; a larger file is not one).</summary>
    public const int MaxSpecBytes = 1024 * 1024;

    /// <summary>Reads and checks <paramref name="specPath"/>; a problem is a <see cref="CampaignSpecException"/> or <see cref="ConditionsException"/> naming the file and field.</summary>
    public static SpecSubmission Load(string specPath)
    {
        var path = Path.GetFullPath(specPath);
        if (Directory.Exists(path)) throw new CampaignSpecException(path, "(file)", "is a folder, not a spec file");
        if (!Physics.RawData.RegularFile.Is(path) && File.Exists(path)) throw new CampaignSpecException(path, "(file)", "is not a regular file");
        byte[] bytes;
        try
        {
            if (new FileInfo(path).Length > MaxSpecBytes) throw new CampaignSpecException(path, "(file)", $"is larger than {MaxSpecBytes} bytes: not a spec");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CampaignSpecException(path, "(file)", ex.Message);
        }
        return From(bytes, path, Path.GetDirectoryName(path)!);
    }

    /// <summary>A spec given as text (the demo): its relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static SpecSubmission From(byte[] json, string source, string baseDirectory)
    {
        var spec = CampaignSpec.Parse(json, source);
        string? conditionsPath = null, conditionsJson = null;
        if (spec.ConditionsPath is { } named)
        {
            // A built-in setup's name, else a setup or conditions file; parsed here too, since a broken file is the
            // submitter's error, named with its path and field.
            var setup = SetupCatalog.Find(named);
            conditionsPath = setup is null ? Path.GetFullPath(named, baseDirectory) : named;
            setup ??= Setup.Load(conditionsPath);
            spec.CheckProgramme(setup, source);
            conditionsJson = setup.PipelineJson;
        }
        else
        {
            spec.CheckProgramme(Setup.Of(DetectorConditions.Default), source);
        }
        var text = new UTF8Encoding(false).GetString(json);
        return new SpecSubmission(spec, new SubmitCampaign(text, baseDirectory, conditionsJson), conditionsPath);
    }
}
