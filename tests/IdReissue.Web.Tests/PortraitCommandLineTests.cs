using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IdReissue.Portrait;

namespace IdReissue.Web.Tests;

/// <summary>The command line and the HTTP check are one contract (../shared/specs/portrait-contract.md): same JSON, documented exit codes.</summary>
[Collection(SharedService.Name)]
public class PortraitCommandLineTests(ServiceFixture service)
{
    private static readonly string[] Files = ["df__img13__ok.jpg", "df__img13__small.jpg", "df__img13__blur.jpg", "df__img13__png.png", "broken.jpg"];

    private Api Api => service.Api;

    [Fact]
    public async Task Check_json_prints_per_file_what_the_HTTP_check_answers_and_exits_0()
    {
        var (exit, output) = await RunAsync(["check", "--json", .. Files]);

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Files.Length, lines.Length);
        for (var i = 0; i < Files.Length; i++)
        {
            var http = await Api.Expect(await Api.Post("/api/portrait/checks", null, Api.Upload("photo", ServiceFixture.DevSetPhoto(Files[i]), Files[i])), HttpStatusCode.OK);
            Assert.Equal(WithoutTiming(http.GetRawText()), WithoutTiming(lines[i]));
        }
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check --spec no-such-spec df__img13__ok.jpg")]
    [InlineData("no-such-command")]
    public async Task Bad_usage_exits_2(string arguments)
    {
        var (exit, _) = await RunAsync(arguments.Split(' '));

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task Compare_json_answers_same_different_or_error_per_pair_as_the_face_compare_contract_says()
    {
        var (exit, output) = await RunAsync(["compare", "--json", "--pairs", Path.Combine(ServiceFixture.RepositoryRoot, "..", "shared", "face-pairs", "pairs.csv")]);
        var (_, single) = await RunAsync(["compare", "--json", "df__img13__ok.jpg", "df__couple.jpg"]);
        var (_, noFace) = await RunAsync(["compare", "--json", "df__img13__noface.jpg", "df__img13__ok.jpg"]);

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var labels = File.ReadLines(Path.Combine(ServiceFixture.RepositoryRoot, "..", "shared", "face-pairs", "pairs.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(labels.Count, lines.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            Assert.Equal(labels[i][0], lines[i]["fileA"]!.GetValue<string>());
            Assert.Equal(labels[i][1], lines[i]["fileB"]!.GetValue<string>());
            Assert.Equal(labels[i][2] == "1" ? "same" : "different", lines[i]["verdict"]!.GetValue<string>());
            Assert.Equal(lines[i]["similarity"]!.GetValue<double>() >= lines[i]["threshold"]!.GetValue<double>(), labels[i][2] == "1");
        }

        var couple = JsonNode.Parse(single)!;
        Assert.Equal("error", couple["verdict"]!.GetValue<string>());
        Assert.Null(couple["similarity"]);
        Assert.Equal("multiple_faces", couple["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("df__couple.jpg", couple["reasons"]![0]!["file"]!.GetValue<string>());
        Assert.Equal("no_face", JsonNode.Parse(noFace)!["reasons"]![0]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("compare df__img13__ok.jpg")]
    [InlineData("compare --pairs no-such-file.csv")]
    public async Task Bad_compare_usage_exits_2(string arguments)
    {
        var (exit, _) = await RunAsync(arguments.Split(' '));

        Assert.Equal(2, exit);
    }

    /// <summary>Everything but the time the check took, which differs from run to run.</summary>
    private static string WithoutTiming(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("elapsedMs");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    internal static async Task<(int Exit, string Output)> RunAsync(string[] arguments)
    {
        var cli = Path.Combine(ServiceFixture.RepositoryRoot, "src", "IdReissue.Portrait.Cli", "bin", "Release", "net10.0", "portrait.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(ServiceFixture.DevSetPath(Files[0]))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["IDREISSUE_MODELS"] = ModelLocation.Find();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await errors;
        return (process.ExitCode, await output);
    }
}
