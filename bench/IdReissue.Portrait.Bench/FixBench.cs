using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using IdReissue.Portrait;
using IdReissue.Portrait.Evaluation;
using IdReissue.Portrait.Fixing;
using IdReissue.Portrait.Specifications;
using SkiaSharp;

namespace IdReissue.Portrait.Bench;

/// <summary>
/// The photo fixer (issue 12): what it makes of the calibration set's real-background photos and the
/// development set's raw photos, per person, and how long a 12-megapixel phone photo takes, alone and with
/// eight fixes asked for at once (memory). Usage: IdReissue.Portrait.Bench fix CALIBRATION-DIR DEV-DIR [iterations] [--time-only]
/// </summary>
internal static partial class FixBench
{
    // A grey wall, so that the fix has a background to replace.
    private static readonly SKColor GreyWall = new(168, 172, 160);

    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: IdReissue.Portrait.Bench fix CALIBRATION-DIR DEV-DIR [iterations]");
            return 2;
        }

        var iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
        var timeOnly = args.Contains("--time-only");
        var load = Stopwatch.StartNew();
        var models = ModelLocation.Find();
        using var engine = new PortraitEngine(models, SpecificationCatalog.Load(ModelLocation.SpecificationDirectory));
        using var fixer = new PhotoFixer(engine, models);
        load.Stop();
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}; models load (incl. warm-up): {load.Elapsed.TotalMilliseconds:0} ms; {Memory()}");

        if (!timeOnly)
        {
            Evaluate(fixer, args[0], args[1]);
        }

        Time(fixer, Path.Combine(args[0], "df__img10__realbg.jpg"), iterations);
        return 0;
    }

    /// <summary>
    /// Every `__realbg` photo and every raw photo (no suffix). A photo should be refused when its label names
    /// an open mouth or several faces, or when the calibration set has a `__mouth` (smile) version of it.
    /// </summary>
    private static void Evaluate(PhotoFixer fixer, string calibration, string dev)
    {
        var photos = Calibration.Load([calibration, dev])
            .Where(p => p.File.EndsWith("__realbg.jpg", StringComparison.Ordinal) || RawPhoto().IsMatch(p.File))
            .ToList();
        var smiles = Directory.GetFiles(calibration, "*__mouth.jpg").Select(f => Path.GetFileName(f).Replace("__mouth.jpg", "", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var rows = new List<(LabelledPhoto Photo, bool ShouldRefuse, PhotoFix Fix)>();
        Console.WriteLine();
        Console.WriteLine("| photo | person | expected | verdict | ms | reasons / changes |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var photo in photos)
        {
            var baseName = photo.File.Replace("__realbg.jpg", "", StringComparison.Ordinal).Replace(".jpg", "", StringComparison.Ordinal);
            var shouldRefuse = photo.Reasons.Any(r => r.Contains("mouth_open", StringComparison.Ordinal) || r.Contains("multiple_faces", StringComparison.Ordinal)) || smiles.Contains(baseName);
            var fix = fixer.Fix(File.ReadAllBytes(photo.Path), "cn-id-card");
            rows.Add((photo, shouldRefuse, fix));
            var detail = fix.Fixed ? string.Join(", ", fix.Changes) : string.Join(", ", fix.Reasons.Select(r => r.Code));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {photo.File} | {photo.Person} | {(shouldRefuse ? "refuse" : "fix")} | {fix.Verdict} | {fix.ElapsedMs:0} | {detail} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| person | photos | to fix | fixed and passing | to refuse | refused |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var person in rows.GroupBy(r => r.Photo.Person).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"| {person.Key} | {person.Count()} | {person.Count(r => !r.ShouldRefuse)} | {person.Count(r => !r.ShouldRefuse && r.Fix.Fixed)} | {person.Count(r => r.ShouldRefuse)} | {person.Count(r => r.ShouldRefuse && !r.Fix.Fixed)} |");
        }

        var toFix = rows.Where(r => !r.ShouldRefuse).ToList();
        var toRefuse = rows.Where(r => r.ShouldRefuse).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fixable photos fixed and passing the check: {toFix.Count(r => r.Fix.Fixed)}/{toFix.Count} ({100.0 * toFix.Count(r => r.Fix.Fixed) / Math.Max(1, toFix.Count):0}%); photos to refuse refused: {toRefuse.Count(r => !r.Fix.Fixed)}/{toRefuse.Count}"));
    }

    private static void Time(PhotoFixer fixer, string idPhoto, int iterations)
    {
        var phone = PhonePhoto.Around(File.ReadAllBytes(idPhoto), GreyWall);
        var first = fixer.Fix(phone, "cn-id-card");
        Console.WriteLine($"after the first 12-MP fix: {Memory()}");
        Console.WriteLine();
        Console.WriteLine($"4000×3000 phone JPEG ({phone.Length / 1024} KB, face ≈ 770 px, grey wall): {first.Verdict} ({string.Join(", ", first.Changes.Concat(first.Reasons.Select(r => r.Code)))})");
        var times = new List<double>();
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            fixer.Fix(phone, "cn-id-card");
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        self.Refresh();
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fix, one at a time: n={times.Count} p50={times[times.Count / 2]:0} ms p90={times[(int)(times.Count * 0.9)]:0} ms min={times[0]:0} ms max={times[^1]:0} ms cpu={(self.TotalProcessorTime - cpu).TotalMilliseconds / iterations:0} ms/fix, load average {LoadAverage()}"));

        // Eight fixes asked for at once: the fixer lets as many run as there are cores and queues the rest.
        GC.Collect();
        self.Refresh();
        var before = self.WorkingSet64;
        long peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var p = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                p.Refresh();
                peak = Math.Max(peak, p.WorkingSet64);
                await Task.Delay(20).ConfigureAwait(false);
            }
        });
        var wall = Stopwatch.StartNew();
        var results = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => fixer.FixAsync(phone, "cn-id-card", CancellationToken.None)))).GetAwaiter().GetResult();
        wall.Stop();
        sampling.Cancel();
        sampler.GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"8 fixes at once: all {results.Count(r => r.Fixed)} fixed in {wall.Elapsed.TotalMilliseconds:0} ms ({wall.Elapsed.TotalMilliseconds / 8:0} ms each); working set {before / 1048576} MB before, peak {peak / 1048576} MB"));
    }

    private static string Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        return $"managed heap {GC.GetTotalMemory(true) / 1048576} MB, working set {self.WorkingSet64 / 1048576} MB";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    [GeneratedRegex(@"^(df|hv)__[^_]+(-[^_]+)*\.jpg$")]
    private static partial Regex RawPhoto();
}
