using System.Net;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Audit;

/// <summary>The audit trail keeps the value before and after each changed field, and never a secret.</summary>
[TestFixture]
public sealed class AuditValuesTests : SiteFixture
{
    [Test]
    public async Task A_user_change_records_each_changed_field_with_both_values()
    {
        var group = await Site.CreateGroupAsync("value-group");
        var user = await Site.CreateUserAsync(new("valued", FirstName: "Ada", Email: "ada@example.com", Permissions: [Permissions.ViewGroup]));
        using var admin = await Site.SignedInAdminAsync();

        using var change = await admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", new()
        {
            ["Input.UserName"] = "valued",
            ["Input.FirstName"] = "Adah",
            ["Input.Email"] = "ada@example.com",
            ["Input.IsActive"] = "true",
            ["Input.IsStaff"] = "true",
            ["Input.Groups"] = group.Id,
            ["Input.UserPermissions"] = Permissions.ViewUser,
        });

        change.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var entry = await LastEntryAsync(user.Id);
        AuditLog.ChangesOf(entry).Should().Equal(
            new FieldChange("First name", "Ada", "Adah"),
            new FieldChange("Groups", "", "value-group"),
            new FieldChange("User permissions", "auth | group | Can view group", "auth | user | Can view user"));
        AuditLog.Describe(entry).Should().Be("Changed First name, Groups and User permissions.");

        var history = Html.Text(await admin.GetHtmlAsync($"/admin/auth/user/{user.Id}/history"));
        history.Should().Contain("First name").And.Contain("Ada").And.Contain("Adah").And.Contain("value-group");
        history.Should().Contain("auth | user | Can view user", "permissions read as the picker names them").And.NotContain(Permissions.ViewUser);
    }

    [Test]
    public async Task Entries_recorded_with_permission_codenames_show_their_labels()
    {
        var group = await Site.CreateGroupAsync("legacy-group");
        await Site.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry
            {
                ActionTime = DateTime.UtcNow, ActorId = "someone", ActorUserName = "someone", ObjectType = AdminModel.Group.Key, ObjectId = group.Id,
                ObjectRepr = "legacy-group", Action = AuditAction.Changed, ChangedFields = "[\"Permissions\"]",
                Changes = "[{\"field\":\"Permissions\",\"before\":\"auth.view_user\",\"after\":\"auth.change_user, auth.view_user\"}]",
            });
            await db.SaveChangesAsync();
        });
        using var admin = await Site.SignedInAdminAsync();

        var history = Html.Text(await admin.GetHtmlAsync($"/admin/auth/group/{group.Id}/history"));

        history.Should().Contain("auth | user | Can view user").And.Contain("auth | user | Can change user, auth | user | Can view user");
        history.Should().NotContain("auth.view_user").And.NotContain("auth.change_user");
    }

    [Test]
    public async Task Additions_and_deletions_keep_the_values_they_made_or_removed()
    {
        using var admin = await Site.SignedInAdminAsync();
        using var add = await admin.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = "snapshot", ["Input.Permissions"] = Permissions.ViewUser });
        var group = await Site.WithDbAsync(db => db.Roles.SingleAsync(g => g.Name == "snapshot"));
        var user = await Site.CreateUserAsync(new("leaving", LastName: "Lovelace", Groups: ["snapshot"]));
        (await admin.PostFormAsync($"/admin/auth/user/{user.Id}/delete", new() { ["post"] = "yes" })).Dispose();
        (await admin.PostFormAsync($"/admin/auth/group/{group.Id}/delete", new() { ["post"] = "yes" })).Dispose();

        var groupEntries = await Site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ObjectId == group.Id).OrderBy(e => e.Id).ToListAsync());
        AuditLog.ChangesOf(groupEntries[0]).Should().Equal(new FieldChange("Name", null, "snapshot"), new FieldChange("Permissions", null, "auth | user | Can view user"));
        AuditLog.ChangesOf(groupEntries[^1]).Should().Equal(new FieldChange("Name", "snapshot", null), new FieldChange("Permissions", "auth | user | Can view user", null));
        var deleted = AuditLog.ChangesOf(await LastEntryAsync(user.Id));
        deleted.Should().Contain([new FieldChange("Username", "leaving", null), new FieldChange("Last name", "Lovelace", null), new FieldChange("Groups", "snapshot", null)]);
    }

    [Test]
    public async Task Bulk_actions_record_the_active_flag_before_and_after()
    {
        var user = await Site.CreateUserAsync(new("bulk.valued", Active: false));
        using var admin = await Site.SignedInAdminAsync();

        (await admin.PostFormAsync("/admin/auth/user/activate_selected", new() { ["ids"] = user.Id }, tokenFrom: "/admin/auth/user")).Dispose();

        AuditLog.ChangesOf(await LastEntryAsync(user.Id)).Should().Equal(new FieldChange("Active", "No", "Yes"));
    }

    [Test]
    public async Task No_secret_ever_reaches_the_log()
    {
        var user = await Site.CreateUserAsync(new("secretive", Superuser: true));
        using var client = await Site.SignedInAsync("secretive");
        (await client.PostFormAsync("/admin/password_change", new()
        {
            ["Input.OldPassword"] = TestData.Password,
            ["Input.NewPassword1"] = "Hidden-Phrase-4711",
            ["Input.NewPassword2"] = "Hidden-Phrase-4711",
        })).Dispose();
        (await client.PostFormAsync($"/admin/auth/user/{user.Id}/password", new()
        {
            ["Input.Password1"] = "Other-Hidden-4712",
            ["Input.Password2"] = "Other-Hidden-4712",
        })).Dispose();
        using var again = await Site.SignedInAsync("secretive", "Other-Hidden-4712");
        var key = Authenticator.KeyFrom(await again.GetHtmlAsync("/admin/two_factor/setup"));
        using var enable = await again.PostFormAsync("/admin/two_factor/setup", new() { ["Code"] = Authenticator.Code(key) });
        var codes = Authenticator.RecoveryCodesFrom(await enable.Content.ReadAsStringAsync());
        using var regenerate = await again.PostFormAsync("/admin/two_factor?handler=RecoveryCodes", new() { ["Code"] = Authenticator.Code(key) }, tokenFrom: "/admin/two_factor");
        codes = [.. codes, .. Authenticator.RecoveryCodesFrom(await regenerate.Content.ReadAsStringAsync())];
        (await again.PostFormAsync($"/admin/auth/user/{user.Id}/change?handler=SignOutEverywhere", [], tokenFrom: $"/admin/auth/user/{user.Id}/change")).Dispose();

        var stored = (await Site.FindUserAsync("secretive"))!;
        var log = await Site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ObjectId == user.Id).ToListAsync());
        var text = string.Join("\n", log.Select(e => $"{e.ChangedFields} {e.Changes} {e.Message} {e.ObjectRepr}"));
        string[] secrets = [stored.PasswordHash!, stored.SecurityStamp!, key, key.Replace(" ", "", StringComparison.Ordinal), "Hidden-Phrase-4711", "Other-Hidden-4712", .. codes];

        log.Should().HaveCountGreaterThanOrEqualTo(5);
        codes.Should().HaveCount(20);
        foreach (var secret in secrets)
        {
            text.Should().NotContainEquivalentOf(secret);
        }

        var browser = Html.Text(await again.GetHtmlAsync("/admin/audit?type=user"));
        foreach (var secret in secrets)
        {
            browser.Should().NotContainEquivalentOf(secret);
        }
    }

    [Test]
    public void The_log_refuses_values_of_secret_fields()
    {
        using var scope = Site.Scope();
        var audit = scope.ServiceProvider.GetService(typeof(AuditLog)) as AuditLog;

        var write = () => audit!.Changed(AdminAccess.Nobody, AdminModel.User, "x", "x", [new FieldChange("Password hash", "old", "new")]);

        write.Should().Throw<InvalidOperationException>().WithMessage("*secret field 'Password hash'*");
    }

    private Task<AuditEntry> LastEntryAsync(string objectId) =>
        Site.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ObjectId == objectId).OrderByDescending(e => e.Id).FirstAsync());
}
