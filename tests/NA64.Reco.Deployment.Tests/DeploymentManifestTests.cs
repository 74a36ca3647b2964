using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NA64.Reco.Deployment.Tests;

/// <summary>
/// The Kubernetes deployment (k8s/) cannot be applied here (no cluster, no Docker engine): these tests run the
/// offline validator (tests/k8s/validate.mjs) over every kustomize composition, check the Dockerfile's
/// structure against the cluster contract, and check that the manifests name the image the Dockerfile builds.
/// </summary>
public sealed partial class DeploymentManifestTests
{
    private const string ThirdPartyImage = "postgres:15";

    private static readonly string Root = Repository.Root;

    internal static string ValidatorFolder => Path.Combine(Root, "tests", "k8s");

    [ValidatorFact]
    public void ValidatorAcceptsBaseAndEveryOverlay()
    {
        var validatorDir = ValidatorFolder;
        Assert.True(Directory.Exists(Path.Combine(validatorDir, "node_modules")),
            "tests/k8s/node_modules is missing (CI=true): .ci/run must run `npm ci` in tests/k8s");

        var result = Run("node", ["validate.mjs"], validatorDir, TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, $"tests/k8s/validate.mjs reported problems:\n{result.Output}");
        var overlays = Directory.GetDirectories(Path.Combine(Root, "k8s", "overlays")).Select(d => Path.GetFileName(d)!).Order().ToArray();
        // The two the deployment is built for; the validator covers any further overlay by itself.
        Assert.Contains("reprocessing", overlays);
        Assert.Contains("mc-campaign", overlays);
        foreach (var composition in overlays.Select(o => $"k8s/overlays/{o}").Prepend("k8s/base"))
        {
            Assert.Contains($"ok   {composition}: ", result.Output);
        }
    }

    [Fact]
    public void DockerfileIsMultiStageAndRunsTheNodeAsNonRoot()
    {
        var lines = DockerfileInstructions();

        var froms = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();
        Assert.True(froms.Length >= 2, "k8s/Dockerfile must be multi-stage (a build stage and a runtime stage)");
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 ", froms[0]);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/runtime:10.0 ", froms[^1]);

        var runtimeStage = lines.Skip(Array.LastIndexOf(lines, froms[^1])).ToArray();
        var user = runtimeStage.Where(l => l.StartsWith("USER ", StringComparison.Ordinal)).ToArray();
        var entrypoint = Array.FindIndex(runtimeStage, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        Assert.Single(user);
        Assert.True(entrypoint > Array.IndexOf(runtimeStage, user[0]), "USER must come before ENTRYPOINT in the runtime stage");
        // Numeric, so that Kubernetes can verify runAsNonRoot; the uid of the contract and of the manifests.
        Assert.Equal("USER 10001:10001", user[0]);
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"/app/node/na64.dll\"]", runtimeStage[entrypoint]);
        Assert.Contains("WORKDIR /app", runtimeStage);

        // `kubectl exec POD -- na64 cmd ...` (docs/operations.md): a wrapper on the PATH, written while still root.
        var wrapper = Array.FindIndex(runtimeStage, l => l.StartsWith("RUN ", StringComparison.Ordinal) && l.Contains("> /usr/local/bin/na64"));
        Assert.True(wrapper >= 0 && wrapper < Array.IndexOf(runtimeStage, user[0]), "the runtime stage must write /usr/local/bin/na64 before USER");
        Assert.Contains("exec dotnet /app/node/na64.dll \"$@\"", runtimeStage[wrapper]);
        Assert.Contains("chmod 0755 /usr/local/bin/na64", runtimeStage[wrapper]);

        var exposed = lines.Where(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal))
            .SelectMany(l => l["EXPOSE ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)).Order().ToArray();
        Assert.Equal(new[] { "4053", "8558", "9110" }, exposed);
    }

    [Fact]
    public void DockerfilePublishesBothEntryPointsAfterRestoringWithTheCentralProps()
    {
        var lines = DockerfileInstructions();
        var buildStage = lines.TakeWhile(l => l != lines.Last(x => x.StartsWith("FROM ", StringComparison.Ordinal))).ToArray();

        var propsCopy = Array.FindIndex(buildStage, l => l.StartsWith("COPY ", StringComparison.Ordinal) && l.Contains("Directory.Build.props") && l.Contains("Directory.Packages.props"));
        var restore = Array.FindIndex(buildStage, l => l.Contains("dotnet restore"));
        Assert.True(propsCopy >= 0, "the build stage must copy Directory.Build.props and Directory.Packages.props");
        Assert.True(restore > propsCopy, "the restore must come after the central props are copied");

        var publish = string.Join('\n', buildStage.Where(l => l.Contains("dotnet publish")));
        Assert.Matches(@"dotnet publish Cli/NA64\.Reco\.Cli/NA64\.Reco\.Cli\.csproj -c Release [^\n]*-o /app/node", publish);
        Assert.Matches(@"dotnet publish Seed/NA64\.Reco\.Seed/NA64\.Reco\.Seed\.csproj -c Release [^\n]*-o /app/seed", publish);

        var runtimeCopies = lines.Where(l => l.StartsWith("COPY --from=build", StringComparison.Ordinal)).ToArray();
        Assert.Contains(runtimeCopies, l => l.EndsWith(" /app/node /app/node", StringComparison.Ordinal));
        Assert.Contains(runtimeCopies, l => l.EndsWith(" /app/seed /app/seed", StringComparison.Ordinal));

        // Every project the entry points build from, transitively, is in the build context: its top folder is copied
        // before the restore.
        var copied = buildStage.Take(restore).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.StartsWith("COPY --", StringComparison.Ordinal))
            .SelectMany(l => l["COPY ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)).Select(p => p.TrimEnd('/')).ToHashSet();
        foreach (var folder in ProjectFolders("Cli/NA64.Reco.Cli/NA64.Reco.Cli.csproj", "Seed/NA64.Reco.Seed/NA64.Reco.Seed.csproj"))
            Assert.True(copied.Contains(folder), $"k8s/Dockerfile does not copy {folder}/, which the published projects reference");

        // The entry point /app/node/na64.dll exists only if the node project's assembly is called na64.
        var nodeProject = File.ReadAllText(Path.Combine(Root, "Cli", "NA64.Reco.Cli", "NA64.Reco.Cli.csproj"));
        Assert.Contains("<AssemblyName>na64</AssemblyName>", nodeProject);
    }

    /// <summary>The top-level folders of <paramref name="projects"/> and of every project they reference, transitively.</summary>
    private static SortedSet<string> ProjectFolders(params string[] projects)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(projects.Select(p => Path.GetFullPath(Path.Combine(Root, p))));
        while (pending.Count > 0)
        {
            var project = pending.Pop();
            if (!seen.Add(project)) continue;
            folders.Add(Path.GetRelativePath(Root, project).Split(Path.DirectorySeparatorChar)[0]);
            foreach (Match m in ProjectReference().Matches(File.ReadAllText(project)))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, m.Groups[1].Value.Replace('\\', '/'))));
        }
        return folders;
    }

    [GeneratedRegex("<ProjectReference Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();

    [Fact]
    public void ManifestsUseTheImageTheDockerfileBuilds()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "k8s", "Dockerfile"));
        var name = LabelValue(dockerfile, "org.opencontainers.image.ref.name");
        var version = LabelValue(dockerfile, "org.opencontainers.image.version");
        var image = $"{name}:{version}";
        Assert.Contains($"# Image: {image} ", dockerfile);

        var props = File.ReadAllText(Path.Combine(Root, "Directory.Build.props"));
        Assert.Contains($"<Version>{version}</Version>", props);

        var images = Directory.GetFiles(Path.Combine(Root, "k8s"), "*.yaml", SearchOption.AllDirectories)
            .SelectMany(f => ImageLine().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Root, f), Image: m.Groups[1].Value)))
            .ToArray();
        Assert.Contains(images, i => i.Image == image);
        Assert.All(images, i => Assert.True(i.Image == image || i.Image == ThirdPartyImage, $"{i.File} uses image {i.Image}, not {image}"));

        // The kustomize image transformer keeps the name and pins the tag to the same version.
        var kustomization = File.ReadAllText(Path.Combine(Root, "k8s", "base", "kustomization.yaml"));
        Assert.Matches($@"- name: {Regex.Escape(name)}\s+newName: {Regex.Escape(name)}\s+newTag: ""{Regex.Escape(version)}""", kustomization);
    }

    [Fact]
    public void ConditionsConfigMapIsACopyOfTheDefaultConditions()
    {
        var source = File.ReadAllBytes(Path.Combine(Root, "Physics", "NA64.Reco.Physics", "Detector", "conditions-default.json"));
        var copy = File.ReadAllBytes(Path.Combine(Root, "k8s", "base", "config", "conditions.json"));

        Assert.True(source.AsSpan().SequenceEqual(copy), "k8s/base/config/conditions.json differs from Detector/conditions-default.json: copy it again");
    }

    private static string[] DockerfileInstructions()
    {
        // Join continuation lines and drop comments, so that each entry is one instruction.
        var text = File.ReadAllText(Path.Combine(Root, "k8s", "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        return text.Split('\n')
            .Select(l => WhiteSpace().Replace(l.Trim(), " "))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToArray();
    }

    private static string LabelValue(string dockerfile, string key)
    {
        var match = Regex.Match(dockerfile, $@"{Regex.Escape(key)}=""([^""]+)""");
        Assert.True(match.Success, $"k8s/Dockerfile has no LABEL {key}");
        return match.Groups[1].Value;
    }

    private static (int ExitCode, string Output) Run(string program, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"`{program}` is not on PATH (Node.js 20 and npm are needed for the manifest validation): {ex.Message}", ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{program} {string.Join(' ', arguments)}` did not finish within {timeout}");
            }
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }

    [GeneratedRegex(@"^\s*(?:-\s+)?image:\s*""?([^""\s#]+)", RegexOptions.Multiline)]
    private static partial Regex ImageLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
