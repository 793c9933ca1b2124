using IdReissue.Application.Abuse;
using IdReissue.Application.Common;
using IdReissue.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdReissue.Web.Presentation;

/// <summary>
/// A page with a form. A broken rule is shown next to the field it concerns (or above the form when it
/// concerns none) and the page is shown again with what the person typed.
/// </summary>
public abstract class FormPage : PageModel
{
    /// <summary>Runs a command; on a broken rule reloads the page's data and shows it again with the message.</summary>
    protected async Task<IActionResult> AttemptAsync(Func<Task<IActionResult>> command, Func<Task>? reload = null)
    {
        try
        {
            return await command();
        }
        catch (DomainException broken) when (broken.Kind is not DomainErrorKind.Forbidden)
        {
            ModelState.AddModelError(ModelKey(FieldOf(broken)), broken.Message);
            if (broken is IdReissue.Application.Abuse.RateLimitedException)
            {
                Errors.DomainErrorStatus.Apply(Response, broken);
            }

            if (reload is not null)
            {
                await reload();
            }

            return Page();
        }
    }

    /// <summary>The form field a rule's code concerns, for rules raised without one.</summary>
    protected virtual string? FieldFor(string code) => null;

    private string? FieldOf(DomainException broken) => broken switch
    {
        ProblemException { Problem.Field: { } field } => field,
        _ => FieldFor(broken.Code),
    };

    private static string ModelKey(string? field) =>
        string.IsNullOrEmpty(field) ? string.Empty : "Input." + char.ToUpperInvariant(field[0]) + field[1..];
}
