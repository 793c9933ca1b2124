using IdReissue.Domain.Common;

namespace IdReissue.Application.Common;

/// <summary>A handler's <see cref="Common.Problem"/> raised for callers that show refusals as broken rules (a page's form), with the field it concerns.</summary>
public sealed class ProblemException(Problem problem) : DomainException(problem.Code, problem.Message, problem.Kind)
{
    public Problem Problem { get; } = problem;
}
