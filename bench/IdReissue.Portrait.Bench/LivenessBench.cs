using System.Diagnostics;
using System.Globalization;
using IdReissue.Portrait;
using IdReissue.Portrait.Liveness;
using IdReissue.Portrait.Specifications;
using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Bench;

/// <summary>
/// The liveness judgement of a 40-frame clip on one thread: real webcam frames (scripts/fetch-liveness-clips.sh,
/// cap13 frames 191–230, a person turning left then right), decoded, located and judged end to end as
/// ./portrait.sh liveness does. Usage: IdReissue.Portrait.Bench liveness [iterations]
/// </summary>
internal static class LivenessBench
{
    public static int Run(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var directory = Path.Combine(ModelLocation.Find(), "clips", "cap13");
        if (!Directory.Exists(directory))
        {
            Console.Error.WriteLine($"{directory} is missing: run scripts/fetch-liveness-clips.sh");
            return 2;
        }

        var frames = Enumerable.Range(191, 40).Select(i => File.ReadAllBytes(Path.Combine(directory, $"f{i:0000}.jpg"))).ToList();
        using var engine = new PortraitEngine(ModelLocation.Find(), SpecificationCatalog.Load(ModelLocation.SpecificationDirectory));
        using var matcher = new FaceMatcher(engine, ModelLocation.Find());
        var judge = new LivenessJudge(matcher);
        ChallengeAction[] challenge = [ChallengeAction.TurnLeft, ChallengeAction.TurnRight];
        for (var i = 0; i < 5; i++)
        {
            judge.Judge(frames, challenge);
        }

        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var times = new List<double>(iterations);
        LivenessJudgement? last = null;
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            last = judge.Judge(frames, challenge);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        self.Refresh();
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"liveness of a 40-frame 400×300 clip, 1 thread ({last!.Verdict}): n={iterations} p50={times[iterations / 2]:0.0} ms p90={times[(int)(iterations * 0.9)]:0.0} ms cpu={(self.TotalProcessorTime - cpu).TotalMilliseconds / iterations:0.0} ms/run, decode {last.Measures["decodeMs"]} ms, faces {last.Measures["locateMs"]} ms"));
        return 0;
    }
}
