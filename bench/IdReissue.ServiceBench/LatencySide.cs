using System.Globalization;
using System.Net;

namespace IdReissue.ServiceBench;

/// <summary>What one side of a run saw: requests, successes (below 400), refusals (429, 503) by their problem code, anything
/// else (other statuses, timeouts, failed connections), and latencies.</summary>
public sealed class LatencySide(string name)
{
    private readonly List<double> _latencies = new(1 << 16);
    private readonly Dictionary<string, int> _refusals = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public int Successes { get; private set; }

    public int Other { get; private set; }

    public int Count(HttpStatusCode status) => _refusals.Where(r => r.Key.StartsWith(((int)status).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).Sum(r => r.Value);

    public string Codes => string.Join(", ", _refusals.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"));

    public void Record(HttpStatusCode? status, string? code, double milliseconds)
    {
        lock (_latencies)
        {
            _latencies.Add(milliseconds);
            if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                var key = $"{(int)status} {code ?? "?"}";
                _refusals[key] = _refusals.GetValueOrDefault(key) + 1;
            }
            else if (status is { } s && (int)s < 400)
            {
                Successes++;
            }
            else
            {
                Other++;
            }
        }
    }

    public int Requests
    {
        get
        {
            lock (_latencies)
            {
                return _latencies.Count;
            }
        }
    }

    public double Percentile(double q) => Percentile(q, this);

    /// <summary>The percentile of several sides' latencies taken together (a baseline measured before and after).</summary>
    public static double Percentile(double q, params LatencySide[] sides)
    {
        var all = new List<double>();
        foreach (var side in sides)
        {
            lock (side._latencies)
            {
                all.AddRange(side._latencies);
            }
        }

        if (all.Count == 0)
        {
            return 0;
        }

        all.Sort();
        return all[Math.Min(all.Count - 1, (int)(q * all.Count))];
    }
}
