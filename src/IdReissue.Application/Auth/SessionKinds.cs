namespace IdReissue.Application.Auth;

public static class SessionKinds
{
    public const string Applicant = "applicant";
    public const string Officer = "officer";

    /// <summary>An officer whose password was right and who still owes the second factor (or its enrolment): it
    /// authorizes nothing but that step, and lasts minutes.</summary>
    public const string OfficerPending = "officer-pending";
}
