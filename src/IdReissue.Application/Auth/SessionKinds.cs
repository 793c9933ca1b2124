namespace IdReissue.Application.Auth;

public static class SessionKinds
{
    public const string Applicant = "applicant";
    public const string Officer = "officer";
}
