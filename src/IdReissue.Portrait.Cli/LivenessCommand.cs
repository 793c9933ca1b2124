using System.Globalization;
using System.Text.Json;
using IdReissue.Portrait;
using IdReissue.Portrait.Verification;
using IdReissue.Portrait.Liveness;

/// <summary>
/// ./portrait.sh liveness [--json] --challenge ACTION[,ACTION...] [--fps N] [--registry PHOTO] FRAME...
/// (../shared/specs/liveness-contract.md). A folder among the frames stands for its images in name order.
/// --trace prints each frame's signals (for calibration).
/// </summary>
internal static class LivenessCommand
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp"];

    public static int Run(string[] args, PortraitEngine engine, JsonSerializerOptions json)
    {
        var asJson = false;
        var trace = false;
        double fps = 10;
        string? registryFile = null;
        List<ChallengeAction>? challenge = null;
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    asJson = true;
                    break;
                case "--trace":
                    trace = true;
                    break;
                case "--fps" when i + 1 < args.Length:
                    if (!double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out fps) || fps is <= 0 or > 120)
                    {
                        return Bad($"--fps {args[i]}: a rate between 0 and 120 frames per second");
                    }

                    break;
                case "--registry" when i + 1 < args.Length:
                    registryFile = args[++i];
                    break;
                case "--challenge" when i + 1 < args.Length:
                    challenge = [];
                    foreach (var code in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (ChallengeActions.Parse(code) is not { } action)
                        {
                            return Bad($"--challenge: unknown action '{code}' (turn_left, turn_right, nod, blink, open_mouth)");
                        }

                        challenge.Add(action);
                    }

                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return Bad($"unknown option {option}");
                default:
                    files.Add(args[i]);
                    break;
            }
        }

        if (challenge is not { Count: > 0 })
        {
            return Bad("--challenge ACTION[,ACTION...] is required");
        }

        var frames = files.SelectMany(Expand).ToList();
        if (frames.Count == 0)
        {
            return Bad("no frames given");
        }

        var missing = frames.Where(f => !File.Exists(f)).ToList();
        if (registryFile is not null && !File.Exists(registryFile))
        {
            missing.Add(registryFile);
        }

        if (missing.Count > 0)
        {
            var error = new { verdict = LivenessJudgement.Error, challenge = challenge.Select(a => a.Code()), reasons = missing.Select(m => $"file_not_found:{m}") };
            Console.WriteLine(asJson ? JsonSerializer.Serialize(error, json) : $"error: no such file {string.Join(", ", missing)}");
            return 0;
        }

        using var matcher = new FaceMatcher(engine, ModelLocation.Find());
        var judge = new LivenessJudge(matcher);
        var result = judge.Judge([.. frames.Select(File.ReadAllBytes)], challenge, fps, registryFile is null ? null : File.ReadAllBytes(registryFile));
        if (trace)
        {
            foreach (var f in result.Frames)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Index}\t{(f.Face ? 1 : 0)}\t{f.Yaw}\t{f.Pitch}\t{f.Eyes}\t{f.Mouth}\t{f.Step}"));
            }
        }

        var reasons = result.Reasons.Select(r => r == "unreadable_image" && result.Measures.TryGetValue("unreadableFrame", out var at) ? $"unreadable_image:{frames[(int)at]}" : r);
        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                verdict = result.Verdict,
                challenge = result.Challenge.Select(a => a.Code()),
                actions = result.Actions.Select(a => new { action = a.Action.Code(), startFrame = a.StartFrame, endFrame = a.EndFrame, peakFrame = a.PeakFrame }),
                bestFrame = result.BestFrame,
                reasons,
                message = result.Problem,
                registrySimilarity = result.RegistrySimilarity,
                attackScore = result.AttackScore,
                measures = result.Measures,
                elapsedMs = result.ElapsedMs,
            }, json));
        }
        else
        {
            Console.WriteLine($"{result.Verdict} ({result.ElapsedMs:0} ms, {frames.Count} frames): {string.Join(", ", reasons)}");
            foreach (var a in result.Actions)
            {
                Console.WriteLine($"  {a.Action.Code()}: frames {a.StartFrame}–{a.EndFrame}");
            }

            if (result.Problem is not null)
            {
                Console.WriteLine($"  {result.Problem}");
            }
        }

        return 0;
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal)
            : [path];

    private static int Bad(string message)
    {
        Console.Error.WriteLine($"liveness: {message}");
        Console.Error.WriteLine("usage: portrait.sh liveness [--json] --challenge ACTION[,ACTION...] [--fps N] [--registry PHOTO] FRAME...");
        return 2;
    }
}
