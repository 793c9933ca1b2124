using System.Security.Cryptography;
using IdReissue.Domain.Gateways;

namespace IdReissue.Infrastructure.FaceVerification;

/// <summary>
/// Two or three different actions of the five, in random order, from the operating system's cryptographic
/// generator: 80 possible challenges. A clip recorded in advance answers a fresh one only by chance, about
/// once in 40 tries (a three-action clip also answers its first two), and attempts are few a day.
/// </summary>
public sealed class RandomLivenessChallenges : ILivenessChallengeSource
{
    public const int FewestActions = 2;
    public const int MostActions = 3;

    public IReadOnlyList<LivenessAction> Draw()
    {
        var pool = Enum.GetValues<LivenessAction>().ToList();
        var count = RandomNumberGenerator.GetInt32(FewestActions, MostActions + 1);
        var drawn = new List<LivenessAction>(count);
        for (var i = 0; i < count; i++)
        {
            var at = RandomNumberGenerator.GetInt32(pool.Count);
            drawn.Add(pool[at]);
            pool.RemoveAt(at);
        }

        return drawn;
    }
}
