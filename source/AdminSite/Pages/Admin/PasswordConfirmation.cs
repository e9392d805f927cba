using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdminSite.Pages.Admin;

/// <summary>A new password typed twice, as Django's password forms take it.</summary>
internal static class PasswordConfirmation
{
    /// <summary>
    /// Puts a mismatch on the second field, and only when both fields are otherwise valid: an empty or overlong
    /// field is reported as that, not as a mismatch too. True when both are valid and the same: only then is the
    /// password worth judging (Django's forms do the same).
    /// </summary>
    public static bool Check(ModelStateDictionary modelState, string password, string again, string passwordField, string againField)
    {
        if (modelState.GetFieldValidationState(passwordField) == ModelValidationState.Invalid
            || modelState.GetFieldValidationState(againField) == ModelValidationState.Invalid)
        {
            return false;
        }

        if (password != again)
        {
            modelState.AddModelError(againField, "The two password fields didn’t match.");
            return false;
        }

        return true;
    }
}
