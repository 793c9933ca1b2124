namespace IdReissue.Application.Ports;

/// <summary>The service's photo-check metric (verdicts and latency), whoever asked for the check.</summary>
public interface IPhotoCheckMetrics
{
    void PhotoCheck(string verdict, TimeSpan duration);
}
