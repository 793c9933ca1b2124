using IdReissue.Domain.Common;
using IdReissue.Domain.Production;

namespace IdReissue.Domain.Tests;

public class ProductionBatchTests
{
    [Fact]
    public void A_batch_of_nothing_is_refused_as_nothing_to_produce()
    {
        var refused = Assert.Throws<DomainException>(() =>
            ProductionBatch.Start(TestPolicies.Hunan(), [], "hunan-production", new DateTimeOffset(2026, 12, 3, 4, 0, 0, TimeSpan.Zero)));

        Assert.Equal("nothing_to_produce", refused.Code);
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
    }
}
