using System.Globalization;
using System.Security.Cryptography;
using NA64.Reco.CommandHost;
using NA64.Reco.Results;

namespace NA64.Reco.Cli.Campaigns;

/// <summary>A campaign's stored results fetched through a node's command host (<c>campaign results ID</c>), each file checked against its size and SHA-256.</summary>
internal static class RemoteResults
{
    public static async Task<IReadOnlyList<ResultFile>> FetchAsync(CommandClient client, string campaignId, CancellationToken ct)
    {
        var reply = await client.SendAsync("campaign results " + campaignId, ct);
        if (!reply.Ok) throw new CommandClientException(reply.Error!);
        var files = new List<ResultFile>();
        var lines = reply.Body;
        for (var i = 0; i < lines.Count; i++)
        {
            var head = lines[i].Split(' ');
            if (head.Length != 4 || head[0] != "file" || !int.TryParse(head[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                throw new CommandClientException($"campaign results: line {i + 1} is not 'file NAME SIZE SHA256'");
            using var content = new MemoryStream(size);
            for (i++; i < lines.Count && lines[i] != "end " + head[1]; i++)
            {
                try
                {
                    content.Write(Convert.FromBase64String(lines[i]));
                }
                catch (FormatException)
                {
                    throw new CommandClientException($"campaign results: line {i + 1} of {head[1]} is not base64");
                }
            }
            if (i >= lines.Count) throw new CommandClientException($"campaign results: {head[1]} has no end line");
            var bytes = content.ToArray();
            if (bytes.Length != size || Convert.ToHexStringLower(SHA256.HashData(bytes)) != head[3])
                throw new CommandClientException($"campaign results: {head[1]} arrived with {bytes.Length} bytes and another SHA-256 than announced");
            files.Add(new ResultFile(head[1], bytes));
        }
        return files;
    }
}
