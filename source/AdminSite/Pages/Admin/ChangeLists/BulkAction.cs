namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>An entry of a changelist's action menu: the permission it takes and the page that asks for confirmation.</summary>
public sealed record BulkAction(string ConfirmationPage, string Permission)
{
    /// <summary>Django's words for an action run on no rows; the changelist and the confirmation page both say it.</summary>
    public const string NothingSelected = "Items must be selected in order to perform actions on them. No items have been changed.";
}
