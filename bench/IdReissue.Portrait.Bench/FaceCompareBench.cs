using System.Diagnostics;
using System.Globalization;
using IdReissue.Portrait;
using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;
using IdReissue.Portrait.Verification;

/// <summary>
/// Face verification: the embedding alone (alignment and the recognition network, one thread) and a
/// whole compare of two 358×441 photos (decode, detect, landmarks, embed both, cosine), as the officer
/// console and ./portrait.sh compare run it.
/// </summary>
internal static class FaceCompareBench
{
    public static void Run(PortraitEngine engine, byte[] photoA, byte[] photoB, int iterations)
    {
        var load = Stopwatch.StartNew();
        using var matcher = new FaceMatcher(engine, ModelLocation.Find());
        using var net = new FaceEmbeddingNet(Path.Combine(ModelLocation.Find(), FaceMatcher.ModelFile));
        load.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"face-recognition model load (incl. warm-up): {load.Elapsed.TotalMilliseconds:0} ms"));

        var image = PhotoDecoder.Decode(photoA).Photo!.Image;
        var five = FaceAlignment.FivePoints(engine.LocateMainFace(image)!.Landmarks);
        Report("embedding (align + network), 1 thread", Time(iterations, () => net.Embed(image, five)));
        Report("compare of two 358×441 JPEGs end to end, 1 thread", Time(Math.Max(20, iterations / 2), () =>
            matcher.Compare(matcher.Extract(photoA).Template!, matcher.Extract(photoB).Template!)));
        Report("compare of two 358×441 JPEGs end to end, both photos at once (2 threads)", Time(Math.Max(20, iterations / 2), () =>
        {
            var (a, b) = matcher.ExtractBoth(photoA, photoB);
            matcher.Compare(a.Template!, b.Template!);
        }));
    }

    private static (List<double> Times, double CpuMs) Time(int count, Action run)
    {
        for (var i = 0; i < 5; i++)
        {
            run();
        }

        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        self.Refresh();
        times.Sort();

        // Processor time per run as well: a busy neighbour on a shared machine moves it less than wall time.
        return (times, (self.TotalProcessorTime - cpu).TotalMilliseconds / count);
    }

    private static void Report(string name, (List<double> Times, double CpuMs) run) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: n={run.Times.Count} p50={run.Times[run.Times.Count / 2]:0.0} ms p99={run.Times[Math.Min(run.Times.Count - 1, (int)(run.Times.Count * 0.99))]:0.0} ms cpu={run.CpuMs:0.0} ms/run"));
}
