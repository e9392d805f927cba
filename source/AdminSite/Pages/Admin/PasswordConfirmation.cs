using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdminSite.Pages.Admin;

/// <summary>A new password typed twice, as Django's password forms take it.</summary>
internal static class PasswordConfirmation
{
    /// <summary>
    /// Puts a mismatch on the second field, and only when the form is otherwise valid: an empty or overlong
    /// field is reported as that, not as a mismatch too.
    /// </summary>
    public static void Check(ModelStateDictionary modelState, string password, string again, string againField)
    {
        if (modelState.IsValid && password != again)
        {
            modelState.AddModelError(againField, "The two password fields didn’t match.");
        }
    }
}
