using System.Globalization;

namespace IdReissue.Portrait.Evaluation;

/// <summary>Runs the engine over a labelled folder (labels.csv: file,expected,reasons with ';' and 'a|b') and scores it.</summary>
public static class LabelledEvaluation
{
    public static EvaluationReport Run(PortraitEngine engine, string directory, string spec, TextWriter log)
    {
        var report = new EvaluationReport();
        foreach (var line in File.ReadLines(Path.Combine(directory, "labels.csv")).Skip(1).Where(l => l.Trim().Length > 0))
        {
            var fields = line.Split(',');
            var file = fields[0];
            var expected = fields[1];
            var wanted = fields.Length > 2 && fields[2].Length > 0 ? fields[2].Split(';') : [];
            var result = engine.Check(File.ReadAllBytes(Path.Combine(directory, file)), spec);
            var got = result.Reasons.Select(r => r.Code).ToHashSet();
            var passed = result.Verdict == "pass";
            if (expected == "pass" && !passed)
            {
                report.FalseRejects.Add(file);
            }
            else if (expected == "fail" && passed)
            {
                report.FalseAccepts.Add(file);
            }

            foreach (var alternatives in wanted)
            {
                var key = alternatives;
                var hit = alternatives.Split('|').Any(got.Contains);
                var (hits, total) = report.PerReason.GetValueOrDefault(key);
                report.PerReason[key] = (hits + (hit ? 1 : 0), total + 1);
                if (!hit)
                {
                    report.Missed.Add($"{file}: {alternatives}");
                }
            }

            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(expected == (passed ? "pass" : "fail") ? "ok  " : "MISS")} {file,-34} expected {expected,-4} got {result.Verdict,-5} [{string.Join(",", got)}]"));
        }

        return report;
    }
}

public sealed class EvaluationReport
{
    public List<string> FalseAccepts { get; } = [];

    public List<string> FalseRejects { get; } = [];

    public List<string> Missed { get; } = [];

    public SortedDictionary<string, (int Hits, int Total)> PerReason { get; } = new(StringComparer.Ordinal);

    public int ReasonHits => PerReason.Values.Sum(v => v.Hits);

    public int ReasonTotal => PerReason.Values.Sum(v => v.Total);

    public double Recall => ReasonTotal == 0 ? 1 : (double)ReasonHits / ReasonTotal;

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"false accepts: {FalseAccepts.Count} {string.Join(" ", FalseAccepts)}");
        output.WriteLine($"false rejects: {FalseRejects.Count} {string.Join(" ", FalseRejects)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"labelled reasons recalled: {ReasonHits}/{ReasonTotal} ({Recall:P1})"));
        foreach (var (reason, (hits, total)) in PerReason)
        {
            output.WriteLine($"  {reason,-50} {hits}/{total}");
        }

        foreach (var missed in Missed)
        {
            output.WriteLine($"  missed: {missed}");
        }
    }
}
