namespace BuildEngine;

/// <summary>
/// A target is a property returning this delegate: <c>Target Compile =&gt; _ =&gt; _.DependsOn(Restore).Executes(...)</c>.
/// The engine calls it once with an empty definition to learn what the target is.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition _);
