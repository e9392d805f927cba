using Microsoft.AspNetCore.Identity;

namespace AdminSite.Identity;

/// <summary>Django's wording, which the site's users already know.</summary>
public sealed class AdminIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = "A user with that username already exists." };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = UnicodeUserNameValidator.Message };

    public override IdentityError DuplicateRoleName(string role) =>
        new() { Code = nameof(DuplicateRoleName), Description = "Group with this Name already exists." };

    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"This password is too short. It must contain at least {length} characters." };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Your old password was entered incorrectly. Please enter it again." };
}
