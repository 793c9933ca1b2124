using System.Diagnostics;
using System.Globalization;
using IdReissue.Portrait;
using IdReissue.Portrait.Bench;
using IdReissue.Portrait.Specifications;
using SkiaSharp;

// Portrait engine benchmark: model load time, single-thread latency per 358×441 JPEG and per
// 12-megapixel phone photo, face verification (embedding, compare), throughput on every core, steady-state memory.
// Usage: IdReissue.Portrait.Bench DEV-SET-DIR [iterations]
//        IdReissue.Portrait.Bench liveness [iterations]   (a 40-frame challenge clip: LivenessBench.cs)
//        IdReissue.Portrait.Bench fix CALIBRATION-DIR DEV-SET-DIR [iterations]   (the photo fixer: FixBench.cs)
//        IdReissue.Portrait.Bench impostors SHARED-DIR   (the evidence for FaceMatchPolicy: ImpostorTailBench.cs)
if (args.Length > 0 && args[0] == "liveness")
{
    return IdReissue.Portrait.Bench.LivenessBench.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "impostors")
{
    return ImpostorTailBench.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "fix")
{
    return IdReissue.Portrait.Bench.FixBench.Run(args[1..]);
}

var devSet = args.Length > 0 ? args[0] : throw new ArgumentException("usage: IdReissue.Portrait.Bench DEV-SET-DIR [iterations]");
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
var idPhotos = Directory.GetFiles(devSet, "df__img13__*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
var phonePhoto = PhonePhoto.Around(idPhotos[0], new SKColor(236, 236, 232));

var load = Stopwatch.StartNew();
using var engine = new PortraitEngine(ModelLocation.Find(), SpecificationCatalog.Load(ModelLocation.SpecificationDirectory));
load.Stop();
Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd} {Environment.ProcessorCount} cores, .NET {Environment.Version}; model load (incl. warm-up run): {load.Elapsed.TotalMilliseconds:0} ms");

foreach (var photo in idPhotos)
{
    engine.Check(photo, "cn-id-card");
}

Report("358×441 JPEG, 1 thread", Measure(i => idPhotos[i % idPhotos.Length], iterations));
Report($"{PhonePhoto.Width}×{PhonePhoto.Height} phone JPEG ({phonePhoto.Length / 1024} KB), 1 thread", Measure(_ => phonePhoto, Math.Max(20, iterations / 10)));
// A couple photo whose faces are a tenth of its width: the one case that pays for the tiled face search.
var couple = Couple(idPhotos[0]);
Report("1600×800 couple photo (faces 10 % of width), 1 thread", Measure(_ => couple, Math.Max(20, iterations / 10)));

// Face verification: another person's compliant photo of the calibration set beside the dev set's face.
FaceCompareBench.Run(engine, idPhotos[0], File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(devSet))!, "portrait-calibration-set", "df__img45__ok.jpg")), iterations / 2);

var threads = Environment.ProcessorCount;
var perThread = iterations;
var wall = Stopwatch.StartNew();
Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
{
    for (var i = 0; i < perThread; i++)
    {
        engine.Check(idPhotos[(t + i) % idPhotos.Length], "cn-id-card");
    }
});
Console.WriteLine($"throughput, {threads} threads: {threads * perThread / wall.Elapsed.TotalSeconds:0} photos/s");

GC.Collect();
GC.WaitForPendingFinalizers();
using var process = Process.GetCurrentProcess();
Console.WriteLine($"steady-state memory: managed heap {GC.GetTotalMemory(true) / 1024.0 / 1024:0.0} MB, working set {process.WorkingSet64 / 1024.0 / 1024:0} MB");
return 0;

(List<double> Times, double CpuMs) Measure(Func<int, byte[]> photo, int count)
{
    var times = new List<double>(count);
    using var self = Process.GetCurrentProcess();
    var cpu = self.TotalProcessorTime;
    for (var i = 0; i < count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        engine.Check(photo(i), "cn-id-card");
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    self.Refresh();
    times.Sort();
    // Processor time per check (all the process's threads): less moved than wall time by a busy neighbour on a shared machine.
    return (times, (self.TotalProcessorTime - cpu).TotalMilliseconds / count);
}

static void Report(string name, (List<double> Times, double CpuMs) run) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: n={run.Times.Count} p50={run.Times[run.Times.Count / 2]:0.0} ms p99={run.Times[Math.Min(run.Times.Count - 1, (int)(run.Times.Count * 0.99))]:0.0} ms max={run.Times[^1]:0.0} ms cpu={run.CpuMs:0.0} ms/check"));

// Two ID photos, each shrunk to a face a tenth of the width, on a grey 1600×800 JPEG.
static byte[] Couple(byte[] idPhoto)
{
    using var face = SKBitmap.Decode(idPhoto);
    using var surface = SKSurface.Create(new SKImageInfo(1600, 800));
    surface.Canvas.Clear(new SKColor(216, 212, 204));
    using var image = SKImage.FromBitmap(face);
    surface.Canvas.DrawImage(image, new SKRect(500, 300, 680, 522), new SKSamplingOptions(SKFilterMode.Linear));
    surface.Canvas.DrawImage(image, new SKRect(900, 250, 1080, 472), new SKSamplingOptions(SKFilterMode.Linear));
    using var snapshot = surface.Snapshot();
    using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 92);
    return data.ToArray();
}
