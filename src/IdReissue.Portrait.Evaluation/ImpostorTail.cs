namespace IdReissue.Portrait.Evaluation;

/// <summary>
/// The upper tail of different-person similarities, fitted so that a false-accept rate below what the pairs can
/// show by counting (1 in 10,000 from a few thousand pairs) can be read off: a normal fit of all scores, and an
/// exponential fit (a generalised Pareto tail of shape 0) of the excesses over the 90th percentile.
/// </summary>
public sealed class ImpostorTail
{
    private const double TailShare = 0.1;
    private readonly double[] _sorted;

    public ImpostorTail(IEnumerable<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        _sorted = [.. scores.Order()];
        if (_sorted.Length < 2)
        {
            throw new ArgumentException("A tail needs at least two scores.", nameof(scores));
        }

        Mean = _sorted.Average();
        StandardDeviation = Math.Sqrt(_sorted.Sum(s => (s - Mean) * (s - Mean)) / (_sorted.Length - 1));
        TailStart = Quantile(1 - TailShare);
        MeanExcess = _sorted.Where(s => s > TailStart).Select(s => s - TailStart).DefaultIfEmpty(0).Average();
    }

    public int Count => _sorted.Length;

    public double Mean { get; }

    public double StandardDeviation { get; }

    public double Max => _sorted[^1];

    /// <summary>The 90th percentile, where the exponential tail starts.</summary>
    public double TailStart { get; }

    public double MeanExcess { get; }

    public IReadOnlyList<double> Highest(int count) => [.. _sorted.TakeLast(count).Reverse()];

    public double Quantile(double q) => _sorted[Math.Min(_sorted.Length - 1, (int)Math.Floor(q * _sorted.Length))];

    /// <summary>The similarity that a share <paramref name="rate"/> of different-person pairs reaches, by the normal fit.</summary>
    public double NormalPointAt(double rate) => Mean + (UpperNormalQuantile(rate) * StandardDeviation);

    /// <summary>The same by the exponential tail: <c>ln(0.1 / rate)</c> mean excesses beyond the 90th percentile.</summary>
    public double ExponentialPointAt(double rate) => TailStart + (MeanExcess * Math.Log(TailShare / rate));

    /// <summary>The share of different-person pairs at or above <paramref name="limit"/>, by the normal fit.</summary>
    public double NormalRateAt(double limit) => 0.5 * Erfc((limit - Mean) / StandardDeviation / Math.Sqrt(2));

    /// <summary>The same by the exponential tail.</summary>
    public double ExponentialRateAt(double limit) => MeanExcess > 0 ? TailShare * Math.Exp(-(limit - TailStart) / MeanExcess) : 0;

    // The z with P(Z > z) = rate, by bisection of the complementary error function: exact enough for a limit,
    // and no table of z values to keep.
    private static double UpperNormalQuantile(double rate)
    {
        var (low, high) = (-10.0, 10.0);
        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = 0.5 * Erfc(mid / Math.Sqrt(2)) > rate ? (mid, high) : (low, mid);
        }

        return (low + high) / 2;
    }

    // Complementary error function (Abramowitz and Stegun 7.1.26; absolute error below 1.5e-7, enough for a rate).
    private static double Erfc(double x)
    {
        var t = 1 / (1 + (0.3275911 * Math.Abs(x)));
        var y = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        var erfc = y * Math.Exp(-x * x);
        return x >= 0 ? erfc : 2 - erfc;
    }
}
