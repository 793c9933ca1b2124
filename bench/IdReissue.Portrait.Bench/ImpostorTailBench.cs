using System.Globalization;
using IdReissue.Portrait.Evaluation;
using IdReissue.Portrait.Specifications;
using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Bench;

/// <summary>
/// The evidence for <see cref="FaceMatchPolicy"/>'s limits: every different-person pair that the labelled real
/// photos here allow, scored, with the upper tail in view and extrapolated to a false-accept rate of 1 in 10,000,
/// and every same-person pair's lowest score per person. Photos: ../shared/face-pairs (identities.csv), the
/// calibration and dev sets' re-framed and degraded copies of them (their person is the source photo's), the dev
/// set's HivisionIDPhotos demo (one more person) and frames of the two webcam clips (one more person).
/// Usage: IdReissue.Portrait.Bench impostors SHARED-DIR
/// </summary>
internal static class ImpostorTailBench
{
    private static readonly string[] Clips = ["cap12", "cap13"];

    private sealed record Photo(string Name, string Person, bool Original, FaceTemplate Template);

    public static int Run(string[] args)
    {
        var shared = args.Length > 0 ? args[0] : throw new ArgumentException("usage: IdReissue.Portrait.Bench impostors SHARED-DIR");
        using var engine = new PortraitEngine(ModelLocation.Find(), SpecificationCatalog.Load(ModelLocation.SpecificationDirectory));
        using var matcher = new FaceMatcher(engine, ModelLocation.Find());
        var pairsDir = Path.Combine(shared, "face-pairs");
        var personOf = File.ReadLines(Path.Combine(pairsDir, "identities.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f[0]), f => f[1], StringComparer.Ordinal);

        var photos = new List<Photo>();
        var faceless = 0;
        void Add(string file, string person, bool original)
        {
            if (matcher.Extract(File.ReadAllBytes(file)).Template is { } template)
            {
                photos.Add(new Photo(Path.GetFileName(file), person, original, template));
            }
            else
            {
                faceless++;
            }
        }

        foreach (var (stem, person) in personOf)
        {
            Add(Path.Combine(pairsDir, stem + ".jpg"), person, original: true);
        }

        foreach (var set in new[] { "portrait-calibration-set", "portrait-dev-set" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(shared, set), "df__img*").Order(StringComparer.Ordinal))
            {
                var stem = Path.GetFileNameWithoutExtension(file)[4..].Split("__")[0];
                if (personOf.TryGetValue(stem, out var person))
                {
                    Add(file, person, original: false);
                }
            }
        }

        var hivision = Path.Combine(shared, "portrait-dev-set", "hv__test4.jpg");
        if (File.Exists(hivision))
        {
            Add(hivision, "hv", original: true);
        }

        var clips = Path.Combine(ModelLocation.Find(), "clips");
        foreach (var clip in Clips.Where(c => Directory.Exists(Path.Combine(clips, c))))
        {
            var frames = Directory.GetFiles(Path.Combine(clips, clip), "f*.jpg").Order(StringComparer.Ordinal).ToArray();
            for (var i = 0; i < frames.Length; i += Math.Max(1, frames.Length / 6))
            {
                Add(frames[i], "clip", original: true);
            }
        }

        var impostorOriginal = new List<double>();
        var impostorAny = new List<double>();
        var genuineLowest = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var strangerHighest = new SortedDictionary<string, (double Score, string Pair)>(StringComparer.Ordinal);
        for (var i = 0; i < photos.Count; i++)
        {
            for (var j = i + 1; j < photos.Count; j++)
            {
                var (a, b) = (photos[i], photos[j]);
                var s = a.Template.SimilarityTo(b.Template);
                if (a.Person == b.Person)
                {
                    // Same person: only pairs of two different source photos (a copy against its own source says nothing).
                    if (a.Original && b.Original)
                    {
                        genuineLowest[a.Person] = Math.Min(genuineLowest.GetValueOrDefault(a.Person, 1), s);
                    }

                    continue;
                }

                impostorAny.Add(s);
                if (a.Original && b.Original)
                {
                    impostorOriginal.Add(s);
                }

                foreach (var p in new[] { a.Person, b.Person })
                {
                    if (!strangerHighest.TryGetValue(p, out var high) || s > high.Score)
                    {
                        strangerHighest[p] = (s, $"{a.Name}~{b.Name}");
                    }
                }
            }
        }

        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd}: {photos.Count} photos with a face ({faceless} without), {photos.Select(p => p.Person).Distinct().Count()} people");
        Report("different-person pairs, original photos", impostorOriginal);
        Report("different-person pairs, originals and their degraded copies", impostorAny);
        Console.WriteLine("per person: lowest same-person score (two original photos) / highest different-person score (any photos)");
        foreach (var (person, high) in strangerHighest)
        {
            var low = genuineLowest.TryGetValue(person, out var g) ? g.ToString("0.000", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {person}: same ≥ {low}; stranger ≤ {high.Score:0.000} ({high.Pair})"));
        }

        return 0;
    }

    private static void Report(string name, List<double> scores)
    {
        var tail = new ImpostorTail(scores);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: n={tail.Count} mean={tail.Mean:0.000} sd={tail.StandardDeviation:0.000} p99={tail.Quantile(0.99):0.000} p99.9={tail.Quantile(0.999):0.000} max={tail.Max:0.000}; " +
            $"at FAR 1e-4: normal fit {tail.NormalPointAt(1e-4):0.000}, exponential tail over p90 {tail.ExponentialPointAt(1e-4):0.000}"));
        var limit = FaceMatchPolicy.Default.SameAtLeast;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  at SameAtLeast {limit:0.00}: {scores.Count(s => s >= limit)} accepted; modelled false-accept rate {tail.NormalRateAt(limit):0.0e0} (normal), {tail.ExponentialRateAt(limit):0.0e0} (exponential tail)"));
        Console.WriteLine($"  highest five: {string.Join(", ", tail.Highest(5).Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}");
    }
}
