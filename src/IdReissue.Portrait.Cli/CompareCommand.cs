using System.Globalization;
using System.Text.Json;
using IdReissue.Portrait;
using IdReissue.Portrait.Evaluation;
using IdReissue.Portrait.Verification;

/// <summary>
/// ./portrait.sh compare [--json] FILE_A FILE_B | --pairs PAIRS.csv (../shared/specs/face-compare-contract.md),
/// and ./portrait.sh evaluate-pairs PAIRS.csv [IDENTITIES.csv]: the ROC of labelled pairs (same_person column).
/// Each photo is embedded once however many pairs name it.
/// </summary>
internal static class CompareCommand
{
    public static int Run(string[] args, PortraitEngine engine, JsonSerializerOptions json)
    {
        var asJson = false;
        string? pairsFile = null;
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    asJson = true;
                    break;
                case "--pairs" when i + 1 < args.Length:
                    pairsFile = args[++i];
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    Console.Error.WriteLine($"unknown option {option}");
                    return 2;
                default:
                    files.Add(args[i]);
                    break;
            }
        }

        var evaluate = args[0] == "evaluate-pairs";
        if (evaluate && files.Count is 1 or 2 && pairsFile is null)
        {
            pairsFile = files[0];
            files.RemoveAt(0);
        }

        List<(string X, string Y, string? Label)> pairs;
        string baseDirectory;
        if (pairsFile is not null && (evaluate ? files.Count <= 1 : files.Count == 0))
        {
            if (!File.Exists(pairsFile))
            {
                Console.Error.WriteLine($"{pairsFile}: no such file");
                return 2;
            }

            baseDirectory = Path.GetDirectoryName(Path.GetFullPath(pairsFile))!;
            pairs = [.. File.ReadLines(pairsFile).Skip(1).Where(l => l.Trim().Length > 0).Select(l => l.Split(','))
                .Where(f => f.Length >= 2).Select(f => (f[0].Trim(), f[1].Trim(), f.Length > 2 ? f[2].Trim() : null))];
        }
        else if (!evaluate && pairsFile is null && files.Count == 2)
        {
            baseDirectory = "";
            pairs = [(files[0], files[1], null)];
        }
        else
        {
            return 2;
        }

        using var matcher = new FaceMatcher(engine, ModelLocation.Find());
        var extractions = new Dictionary<string, FaceExtraction>(StringComparer.Ordinal);
        byte[] ReadOrEmpty(string file)
        {
            try
            {
                return File.ReadAllBytes(Path.Combine(baseDirectory, file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }

        FaceExtraction Extract(string file)
        {
            if (!extractions.TryGetValue(file, out var extraction))
            {
                extractions[file] = extraction = matcher.Extract(ReadOrEmpty(file));
            }

            return extraction;
        }

        if (pairs.Count == 1 && !evaluate)
        {
            // One pair: both photos at once, each on its own core.
            var (x, y, _) = pairs[0];
            var (first, second) = matcher.ExtractBoth(ReadOrEmpty(x), ReadOrEmpty(y));
            extractions[x] = first;
            extractions.TryAdd(y, second);
        }

        var scored = new List<ScoredPair>();
        foreach (var (x, y, label) in pairs)
        {
            var a = Extract(x);
            var b = Extract(y);

            // What the pair costs: both photos' templates (each made once, however many pairs name it; a single
            // pair's two at once, so the longer of the two) and the comparison.
            var elapsed = Math.Round(pairs.Count == 1 && !evaluate ? Math.Max(a.ElapsedMs, b.ElapsedMs) : a.ElapsedMs + b.ElapsedMs, 1);
            double? similarity = a.Template is { } ta && b.Template is { } tb ? matcher.Compare(ta, tb).Similarity : null;
            scored.Add(new ScoredPair(x, y, label == "1", similarity));
            if (evaluate)
            {
                continue;
            }

            if (similarity is { } s)
            {
                var match = matcher.Policy.Judge(s);
                var verdict = match == FaceMatch.Same ? "same" : "different";
                if (asJson)
                {
                    Console.WriteLine(JsonSerializer.Serialize(new
                    {
                        fileA = x, fileB = y, verdict, similarity = s, threshold = matcher.Policy.SameAtLeast,
                        band = match.ToString().ToLowerInvariant(), elapsedMs = elapsed, reasons = Array.Empty<object>(),
                    }, json));
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{x} {y}: {verdict} (similarity {s:0.000}, threshold {matcher.Policy.SameAtLeast:0.00}{(match == FaceMatch.Uncertain ? "; appearance-changed band" : "")}, {elapsed:0.0} ms)"));
                }

                continue;
            }

            var reasons = a.Problems.Select(r => new { r.Code, file = x, r.Message }).Concat(b.Problems.Select(r => new { r.Code, file = y, r.Message })).ToList();
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { fileA = x, fileB = y, verdict = "error", elapsedMs = elapsed, reasons }, json));
            }
            else
            {
                Console.WriteLine($"{x} {y}: error ({string.Join("; ", reasons.Select(r => $"{r.file}: {r.Code}"))})");
            }
        }

        if (evaluate)
        {
            Dictionary<string, string>? personOf = files.Count == 1 && File.Exists(files[0])
                ? File.ReadLines(files[0]).Skip(1).Select(l => l.Split(',')).Where(f => f.Length >= 2).ToDictionary(f => f[0].Trim(), f => f[1].Trim())
                : null;
            var embedMs = extractions.Values.Select(e => e.ElapsedMs).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"photos: {extractions.Count}, without a template: {extractions.Count(e => !e.Value.Succeeded)}; extract p50 {embedMs[embedMs.Count / 2]:0.0} ms"));
            foreach (var (file, extraction) in extractions.Where(e => !e.Value.Succeeded))
            {
                Console.WriteLine($"  {file}: {string.Join(", ", extraction.Problems.Select(p => p.Code))}");
            }

            new PairEvaluation(scored).Print(Console.Out, personOf);
        }

        return 0;
    }
}
