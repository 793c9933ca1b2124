namespace IdReissue.Web.Applications;

/// <summary>
/// One 实人认证 attempt the server began: for the camera, the actions to prompt in order and the frame rate
/// to record at; for a certified provider, the page to send the applicant to. <see cref="Token"/> goes back
/// with the frames (or comes back from the provider) and answers once, before <see cref="ExpiresAt"/>.
/// </summary>
public sealed record FaceAttemptView(
    string Token, string Channel, DateTimeOffset ExpiresAt, IReadOnlyList<ChallengeActionView> Actions, int FramesPerSecond, int MinFrames, int MaxFrames,
    Uri? VerificationUrl);

/// <summary>An action of the drawn challenge: its stable code (turn_left, turn_right, nod, blink, open_mouth) and the prompt to show and speak.</summary>
public sealed record ChallengeActionView(string Code, string Prompt);

/// <summary>Which channel to begin: "camera" (default, the embedded engine) or "provider" (a certified provider's page).</summary>
public sealed record FaceAttemptRequest(string? Channel);

/// <summary>The body of VerifyFace (documented only; the form is read as it comes): the attempt's token and, for the camera, its frames in capture order.</summary>
public sealed class FaceVerificationForm
{
    public required string Token { get; init; }

    public IReadOnlyList<IFormFile>? Frames { get; init; }
}
