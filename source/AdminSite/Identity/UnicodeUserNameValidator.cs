using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace AdminSite.Identity;

/// <summary>Django's UnicodeUsernameValidator: letters, digits and @/./+/-/_, at most 150 characters, of the NFKC form.</summary>
public sealed partial class UnicodeUserNameValidator : IUserValidator<AdminUser>
{
    public const string Message = "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";

    public Task<IdentityResult> ValidateAsync(UserManager<AdminUser> manager, AdminUser user)
    {
        // Judged as it will be stored: ｊｏｈｎ．ｄｏｅ is john.doe.
        var name = AdminLookupNormalizer.StoredForm(user.UserName) ?? "";
        if (name.Length > AdminUser.NameMaxLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "UserNameTooLong",
                Description = $"Ensure this value has at most {AdminUser.NameMaxLength} characters (it has {name.Length}).",
            }));
        }

        return Task.FromResult(name.Length == 0 || Allowed().IsMatch(name)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "InvalidUserName", Description = Message }));
    }

    [GeneratedRegex(@"^[\w.@+-]+\z")]
    private static partial Regex Allowed();
}
