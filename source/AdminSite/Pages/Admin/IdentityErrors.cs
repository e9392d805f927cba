using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdminSite.Pages.Admin;

internal static class IdentityErrors
{
    /// <summary>The code of a privilege guard refusal returned among Identity's errors; it belongs next to the permissions.</summary>
    public const string PermissionNotHeld = nameof(PermissionNotHeld);

    /// <summary>
    /// Runs every user validator (unless <paramref name="checkUser"/> is false: the form already found the name
    /// wrong) and, for a <paramref name="password"/>, every password validator, so the form shows all problems at once.
    /// </summary>
    public static async Task<List<IdentityError>> ValidateAsync(UserManager<AdminUser> users, AdminUser user, string? password, bool checkUser = true)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in checkUser ? users.UserValidators : [])
        {
            errors.AddRange((await validator.ValidateAsync(users, user)).Errors);
        }

        if (password is not null)
        {
            foreach (var validator in users.PasswordValidators)
            {
                errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
            }
        }

        return errors.DistinctBy(e => e.Description).ToList();
    }

    /// <summary>For a write inside a bulk transaction: throwing rolls the whole batch back, so it is all or nothing.</summary>
    public static void ThrowIfFailed(this IdentityResult result, string cannot)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{cannot}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>Puts each error next to the field it is about.</summary>
    public static void AddTo(ModelStateDictionary modelState, IEnumerable<IdentityError> errors, string prefix, string passwordField)
    {
        foreach (var error in errors)
        {
            var field = error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                "DuplicateUserName" or "InvalidUserName" or "UserNameTooLong" => "UserName",
                "DuplicateEmail" or "InvalidEmail" => "Email",
                "DuplicateRoleName" or "InvalidRoleName" => "Name",
                PermissionNotHeld => "Permissions",
                _ => null,
            };
            modelState.AddModelError(field is null ? "" : $"{prefix}.{field}", error.Description);
        }
    }
}
