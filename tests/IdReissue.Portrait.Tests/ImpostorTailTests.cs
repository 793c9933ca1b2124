using IdReissue.Portrait.Evaluation;

namespace IdReissue.Portrait.Tests;

public sealed class ImpostorTailTests
{
    [Fact]
    public void The_normal_fit_reads_one_in_ten_thousand_at_3_719_standard_deviations_and_back()
    {
        var tail = new ImpostorTail([-1.0, 1.0]);

        Assert.Equal(0, tail.Mean, 9);
        Assert.Equal(3.719 * Math.Sqrt(2), tail.NormalPointAt(1e-4), 2);
        Assert.Equal(1e-4, tail.NormalRateAt(tail.NormalPointAt(1e-4)), 6);
    }

    [Fact]
    public void The_exponential_tail_and_its_rate_are_inverse()
    {
        var tail = new ImpostorTail(Enumerable.Range(0, 1000).Select(i => i / 1000.0));

        Assert.Equal(0.9, tail.TailStart, 3);
        Assert.Equal(1e-4, tail.ExponentialRateAt(tail.ExponentialPointAt(1e-4)), 9);
    }
}
