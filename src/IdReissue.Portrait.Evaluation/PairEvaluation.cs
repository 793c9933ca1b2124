using System.Globalization;

namespace IdReissue.Portrait.Evaluation;

/// <summary>One labelled pair's outcome: its similarity, or null when either photo had no template.</summary>
public sealed record ScoredPair(string FileX, string FileY, bool SamePerson, double? Similarity);

/// <summary>
/// Face-verification accuracy on labelled pairs (file_x,file_y,same_person): true-accept rate at fixed
/// false-accept rates, the equal-error rate, and the thresholds that give them. A pair without a score
/// counts as not accepted, which costs a same-person pair and helps no one.
/// </summary>
public sealed class PairEvaluation
{
    private readonly double[] _genuine;
    private readonly double[] _impostor;

    public PairEvaluation(IReadOnlyList<ScoredPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        Pairs = pairs;
        _genuine = [.. pairs.Where(p => p.SamePerson).Select(p => p.Similarity ?? double.NegativeInfinity).OrderDescending()];
        _impostor = [.. pairs.Where(p => !p.SamePerson).Select(p => p.Similarity ?? double.NegativeInfinity).OrderDescending()];
        if (_genuine.Length == 0 || _impostor.Length == 0)
        {
            throw new ArgumentException("Both same-person and different-person pairs are needed.", nameof(pairs));
        }
    }

    public IReadOnlyList<ScoredPair> Pairs { get; }

    public int GenuineCount => _genuine.Length;

    public int ImpostorCount => _impostor.Length;

    /// <summary>
    /// The lowest threshold at which at most <paramref name="falseAcceptRate"/> of different-person pairs
    /// are accepted (similarity ≥ threshold), and the share of same-person pairs accepted there.
    /// </summary>
    public (double Threshold, double TrueAcceptRate) AtFalseAcceptRate(double falseAcceptRate)
    {
        var allowed = (int)Math.Floor(falseAcceptRate * _impostor.Length + 1e-9);

        // Just above the (allowed+1)-th highest different-person score: that many, and no more, reach it.
        var threshold = Math.Round(_impostor[Math.Min(allowed, _impostor.Length - 1)] + 0.0001, 4);
        return (threshold, AcceptedShare(_genuine, threshold));
    }

    /// <summary>The rate where false accepts and false rejects are equal (their mean at the closest threshold).</summary>
    public (double Threshold, double Rate) EqualErrorRate()
    {
        var best = (Threshold: 0.0, Rate: 1.0, Gap: double.MaxValue);
        foreach (var t in _genuine.Concat(_impostor).Where(double.IsFinite).Distinct())
        {
            var far = AcceptedShare(_impostor, t);
            var frr = 1 - AcceptedShare(_genuine, t);
            if (Math.Abs(far - frr) < best.Gap)
            {
                best = (t, (far + frr) / 2, Math.Abs(far - frr));
            }
        }

        return (best.Threshold, best.Rate);
    }

    public double FalseAcceptRate(double threshold) => AcceptedShare(_impostor, threshold);

    public double FalseRejectRate(double threshold) => 1 - AcceptedShare(_genuine, threshold);

    public void Print(TextWriter output, IReadOnlyDictionary<string, string>? personOf = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"pairs: {GenuineCount} same-person, {ImpostorCount} different-person; without a score: {Pairs.Count(p => p.Similarity is null)}"));
        foreach (var far in new[] { 0.01, 0.001 })
        {
            var (threshold, tar) = AtFalseAcceptRate(far);
            output.WriteLine(string.Create(c, $"TAR at FAR {far:P1}: {tar:P1} (threshold {threshold:0.0000}; different-person pairs accepted: {FalseAcceptRate(threshold):P2})"));
        }

        var (eerThreshold, eer) = EqualErrorRate();
        output.WriteLine(string.Create(c, $"EER: {eer:P2} at threshold {eerThreshold:0.0000}"));
        output.WriteLine(string.Create(c, $"same-person similarity: min {_genuine.Where(double.IsFinite).DefaultIfEmpty().Min():0.000}, median {Median(_genuine):0.000}; different-person: max {_impostor.Where(double.IsFinite).DefaultIfEmpty().Max():0.000}, median {Median(_impostor):0.000}"));
        if (personOf is null)
        {
            return;
        }

        output.WriteLine("per person (same-person pairs: lowest similarity; different-person pairs involving them: highest):");
        foreach (var person in personOf.Values.Distinct().Order(StringComparer.Ordinal))
        {
            bool Involves(ScoredPair p) => personOf.GetValueOrDefault(p.FileX) == person || personOf.GetValueOrDefault(p.FileY) == person;
            var same = Pairs.Where(p => p.SamePerson && Involves(p)).Select(p => p.Similarity ?? double.NaN).ToList();
            var other = Pairs.Where(p => !p.SamePerson && Involves(p)).Select(p => p.Similarity ?? double.NaN).ToList();
            output.WriteLine(string.Create(c,
                $"  {person}: {same.Count} same (min {same.DefaultIfEmpty(double.NaN).Min():0.000}), {other.Count} different (max {other.DefaultIfEmpty(double.NaN).Max():0.000})"));
        }
    }

    private static double AcceptedShare(double[] descending, double threshold) =>
        (double)descending.Count(s => s >= threshold) / descending.Length;

    private static double Median(double[] descending) => descending[descending.Length / 2];
}
