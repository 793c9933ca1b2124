using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Presentation;

/// <summary>
/// Pages run the same handlers as the API, so a rule is written once. This reads a handler's typed
/// result: the value, or its problem raised as a <see cref="FieldProblemException"/>.
/// </summary>
public static class ResultValue
{
    public static T Of<T>(IResult result) => result switch
    {
        INestedHttpResult nested => Of<T>(nested.Result),
        IValueHttpResult<T> { Value: { } value } => value,
        ProblemHttpResult problem => throw FieldProblemException.From(problem.ProblemDetails),
        _ => throw new InvalidOperationException($"Unexpected result {result.GetType().Name}."),
    };
}
