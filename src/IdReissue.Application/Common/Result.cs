namespace IdReissue.Application.Common;

/// <summary>What a handler answers: its value, or the <see cref="Common.Problem"/> that refused it.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Problem? problem)
    {
        _value = value;
        Problem = problem;
    }

    public Problem? Problem { get; }

    public bool Succeeded => Problem is null;

    /// <summary>The value; only valid when <see cref="Succeeded"/>.</summary>
    public T Value => Problem is null ? _value! : throw new InvalidOperationException($"The result is a problem ({Problem.Code}), not a value.");

    /// <summary>For callers that show a refusal as a broken rule (a page's form): the value, or the problem thrown.</summary>
    public T ValueOrThrow() => Problem is null ? _value! : throw Problem.ToException();

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Problem problem) => new(default, problem ?? throw new ArgumentNullException(nameof(problem)));
}
