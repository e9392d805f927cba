namespace AdminSite.Authorization;

/// <summary>A permission to do one action on one admin model, named like Django's <c>app.action_model</c>.</summary>
public sealed record Permission(string Codename, string AppLabel, string ModelName, string Action)
{
    public string Name => $"Can {Action} {ModelName}";

    /// <summary>What the permission pickers show, as Django does: "auth | user | Can view user".</summary>
    public string Label => $"{AppLabel} | {ModelName} | {Name}";
}
