using System.Net;
using AdminSite.Audit;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Audit;

/// <summary>The append-only log: what is written, where it shows, and that it outlives users and objects.</summary>
[TestFixture]
public sealed class AuditTests : SiteFixture
{
    [Test]
    public async Task Add_change_and_delete_each_write_an_entry_with_actor_object_and_fields()
    {
        using var client = await SignedInAsNewAsync(new("auditor", Superuser: true));

        using var add = await client.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = "Auditors" });
        var group = await Site.WithDbAsync(db => db.Roles.SingleAsync(g => g.Name == "Auditors"));
        using var change = await client.PostFormAsync($"/admin/auth/group/{group.Id}/change", new()
        {
            ["Input.Name"] = "Auditors",
            ["Input.Permissions"] = "auth.view_user",
        });
        using var delete = await client.PostFormAsync($"/admin/auth/group/{group.Id}/delete", new() { ["post"] = "yes" });

        var entries = await Site.WithDbAsync(db => db.AuditEntries.Where(e => e.ObjectId == group.Id).OrderBy(e => e.Id).ToListAsync());
        entries.Select(e => e.Action).Should().Equal(AuditAction.Added, AuditAction.Changed, AuditAction.Deleted);
        entries.Should().OnlyContain(e => e.ActorUserName == "auditor" && e.ObjectType == "group" && e.ObjectRepr == "Auditors");
        entries.Select(AuditLog.Describe).Should().Equal("Added.", "Changed Permissions.", "Deleted.");
        entries.Should().BeInAscendingOrder(e => e.ActionTime);
        entries[0].ActionTime.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Test]
    public async Task Entries_survive_the_deletion_of_the_user_who_made_them()
    {
        var actor = await Site.CreateUserAsync(new("temporary", Superuser: true));
        using (var client = await Site.SignedInAsync("temporary"))
        {
            using var add = await client.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = "Legacy" });
            add.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        using var admin = await Site.SignedInAdminAsync();
        using var delete = await admin.PostFormAsync($"/admin/auth/user/{actor.Id}/delete", new() { ["post"] = "yes" });
        (await Site.FindUserAsync("temporary")).Should().BeNull();

        var entry = await Site.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.ObjectRepr == "Legacy"));
        entry.ActorId.Should().Be(actor.Id);
        entry.ActorUserName.Should().Be("temporary");
        var groupId = entry.ObjectId;
        Html.Text(await admin.GetHtmlAsync($"/admin/auth/group/{groupId}/history")).Should().Contain("temporary").And.Contain("Added.");
    }

    [Test]
    public async Task The_log_cannot_be_rewritten_through_the_database_context()
    {
        await Site.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { ActionTime = DateTime.UtcNow, ObjectType = "user", ObjectId = "x", ObjectRepr = "x", Action = AuditAction.Added });
            await db.SaveChangesAsync();
        });

        var change = () => Site.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync(e => e.ObjectId == "x");
            entry.ObjectRepr = "rewritten";
            await db.SaveChangesAsync();
        });
        var delete = () => Site.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.FirstAsync(e => e.ObjectId == "x"));
            await db.SaveChangesAsync();
        });

        await change.Should().ThrowAsync<InvalidOperationException>().WithMessage("*append-only*");
        await delete.Should().ThrowAsync<InvalidOperationException>().WithMessage("*append-only*");
    }

    [Test]
    public async Task History_lists_entries_oldest_first_and_paginates_by_100()
    {
        var user = await Site.CreateUserAsync(new("historic", Password: null));
        await Site.WithDbAsync(async db =>
        {
            var start = DateTime.UtcNow.AddDays(-1);
            for (var i = 0; i < 130; i++)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    ActionTime = start.AddMinutes(i),
                    ActorUserName = "admin",
                    ObjectType = "user",
                    ObjectId = user.Id,
                    ObjectRepr = "historic",
                    Action = AuditAction.Changed,
                    ChangedFields = $"[\"Field {i:000}\"]",
                });
            }

            await db.SaveChangesAsync();
        });
        using var admin = await Site.SignedInAdminAsync();

        var first = Html.Text(await admin.GetHtmlAsync($"/admin/auth/user/{user.Id}/history"));
        var second = Html.Text(await admin.GetHtmlAsync($"/admin/auth/user/{user.Id}/history?p=2"));

        first.Should().Contain("Change history: historic").And.Contain("Changed Field 000.").And.Contain("Changed Field 099.").And.NotContain("Field 100");
        first.IndexOf("Field 000", StringComparison.Ordinal).Should().BeLessThan(first.IndexOf("Field 001", StringComparison.Ordinal));
        second.Should().Contain("Changed Field 100.").And.Contain("Changed Field 129.").And.NotContain("Field 099");
        first.Should().Contain("130 entries");
    }

    [Test]
    public async Task Recent_actions_show_my_last_ten_and_leave_deleted_objects_unlinked()
    {
        using var client = await SignedInAsNewAsync(new("busy", Superuser: true));
        for (var i = 0; i < 11; i++)
        {
            (await client.PostFormAsync("/admin/auth/group/add", new() { ["Input.Name"] = $"busy-group-{i:00}" })).Dispose();
        }

        var gone = await Site.WithDbAsync(db => db.Roles.SingleAsync(g => g.Name == "busy-group-10"));
        (await client.PostFormAsync($"/admin/auth/group/{gone.Id}/delete", new() { ["post"] = "yes" })).Dispose();

        var html = await client.GetHtmlAsync("/admin/");
        var recent = html[html.IndexOf("Recent actions", StringComparison.Ordinal)..];

        recent.Should().NotContain("busy-group-00").And.NotContain("busy-group-01", "only the last ten entries are listed");
        recent.Should().Contain("busy-group-02");
        recent.Should().Contain("<li class=\"deletelink\">").And.NotContain($"/admin/auth/group/{gone.Id}/change\">busy-group-10");
        var live = await Site.WithDbAsync(db => db.Roles.SingleAsync(g => g.Name == "busy-group-09"));
        recent.Should().Contain($"<a href=\"/admin/auth/group/{live.Id}/change\">busy-group-09</a>");
        (await Site.SignedInAdminAsync()).GetHtmlAsync("/admin/").Result.Should().NotContain("busy-group", "recent actions are the viewer's own");
    }

    [Test]
    public async Task The_history_of_a_deleted_object_stays_readable()
    {
        using var admin = await Site.SignedInAdminAsync();
        var user = await Site.CreateUserAsync(new("ephemeral", Password: null));
        (await admin.PostFormAsync($"/admin/auth/user/{user.Id}/change", new() { ["Input.UserName"] = "ephemeral", ["Input.FirstName"] = "Eph", ["Input.IsActive"] = "true" })).Dispose();
        (await admin.PostFormAsync($"/admin/auth/user/{user.Id}/delete", new() { ["post"] = "yes" })).Dispose();

        var html = Html.Text(await admin.GetHtmlAsync($"/admin/auth/user/{user.Id}/history"));

        html.Should().Contain("Change history: ephemeral").And.Contain("has been deleted").And.Contain("Changed First name and Staff status.").And.Contain("Deleted.");
    }
}
