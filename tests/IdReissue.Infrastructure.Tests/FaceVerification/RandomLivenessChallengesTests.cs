using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.FaceVerification;
using Microsoft.AspNetCore.DataProtection;

namespace IdReissue.Infrastructure.Tests.FaceVerification;

public sealed class RandomLivenessChallengesTests
{
    [Fact]
    public void Challenges_are_two_or_three_different_actions_and_every_order_comes_up()
    {
        var source = new RandomLivenessChallenges();
        var drawn = Enumerable.Range(0, 4000).Select(_ => source.Draw()).ToList();

        Assert.All(drawn, c => Assert.InRange(c.Count, RandomLivenessChallenges.FewestActions, RandomLivenessChallenges.MostActions));
        Assert.All(drawn, c => Assert.Equal(c.Count, c.Distinct().Count()));
        // 20 two-action and 60 three-action sequences; 4000 draws miss one with a chance below 1e-20.
        Assert.Equal(80, drawn.Select(c => string.Join(",", c)).Distinct().Count());
        foreach (var action in Enum.GetValues<LivenessAction>())
        {
            Assert.Contains(drawn, c => c[0] == action);
        }
    }

    [Fact]
    public void A_sealed_token_cannot_be_read_or_changed_and_names_only_its_own_resident()
    {
        var protection = DataProtectionProvider.Create("IdReissue.Tests");
        var token = CameraAttemptToken.Draw("110101199003074513", "app-1", [LivenessAction.Nod, LivenessAction.Blink], 10, DateTimeOffset.UnixEpoch);
        var sealedToken = token.Seal(protection);

        Assert.DoesNotContain("110101199003074513", sealedToken, StringComparison.Ordinal);
        var opened = CameraAttemptToken.Open(protection, sealedToken);
        Assert.Equal([LivenessAction.Nod, LivenessAction.Blink], opened.Challenge);
        Assert.True(opened.IsFor("110101199003074513", "app-1"));
        Assert.False(opened.IsFor("110101199003074521", "app-1"));
        Assert.False(opened.IsFor("110101199003074513", "app-2"));
        var altered = sealedToken[..^3] + (sealedToken[^3] == 'A' ? 'B' : 'A') + sealedToken[^2..];
        Assert.Equal("challenge_invalid", Assert.Throws<Domain.Common.DomainException>(() => CameraAttemptToken.Open(protection, altered)).Code);
        Assert.Equal("challenge_invalid", Assert.Throws<Domain.Common.DomainException>(() =>
            CameraAttemptToken.Open(DataProtectionProvider.Create("another service"), sealedToken)).Code);
    }
}
