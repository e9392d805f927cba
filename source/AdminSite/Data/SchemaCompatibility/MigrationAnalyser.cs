using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace AdminSite.Data.SchemaCompatibility;

/// <summary>One migration as the analyser reads it: its Up operations and the model it leaves (its Designer's).</summary>
public sealed record MigrationStep(string Id, IReadOnlyList<MigrationOperation> Operations, SchemaShape Target, string? ExpandOnlySqlReason = null);

/// <summary>A step of a migration that older builds may trip on, and the oldest migration a build must know to survive it.</summary>
public sealed record Finding(string Change, string OldestCompatibleMigration, string Split);

/// <summary>
/// Which builds can serve a schema that includes <see cref="MigrationId"/>: those that know
/// <see cref="OldestCompatibleMigration"/>, or any build at all when that is null (an expand-only migration).
/// </summary>
public sealed record MigrationVerdict(string MigrationId, string? OldestCompatibleMigration, IReadOnlyList<Finding> Findings);

/// <summary>
/// Classifies each migration by its Up operations against the models of the migrations before it: for every step that
/// is not an expand step, the oldest build whose model already agrees with it (so that build and every newer one runs
/// on the changed schema); a migration needs the newest of its steps' answers.
/// </summary>
public static class MigrationAnalyser
{
    public static IReadOnlyList<MigrationVerdict> Analyse(IReadOnlyList<MigrationStep> steps)
    {
        var verdicts = new List<MigrationVerdict>();
        for (var i = 0; i < steps.Count; i++)
        {
            var previous = i > 0 ? steps[i - 1].Target : SchemaShape.Empty;
            var created = steps[i].Operations.OfType<CreateTableOperation>().Select(t => SchemaShape.Key(t.Schema, t.Name)).ToHashSet();
            var findings = new List<(Finding Finding, int Oldest)>();
            foreach (var operation in steps[i].Operations)
            {
                if (OperationRules.Classify(operation, previous, created, steps[i].ExpandOnlySqlReason) is not { } contract)
                {
                    continue;
                }

                // Walk back while the builds before still agree: the first one after the last that does not is the oldest that survives.
                var oldest = i;
                while (oldest > 0 && contract.Tolerates(steps[oldest - 1].Target))
                {
                    oldest--;
                }

                findings.Add((new Finding(contract.Change, steps[oldest].Id, contract.Split), oldest));
            }

            var needed = findings.Count == 0 ? (int?)null : findings.Max(f => f.Oldest);
            verdicts.Add(new MigrationVerdict(steps[i].Id, needed is { } n ? steps[n].Id : null, [.. findings.Select(f => f.Finding)]));
        }

        return verdicts;
    }

    /// <summary>The migrations of <paramref name="db"/>'s provider, oldest first, each with its target model.</summary>
    public static IReadOnlyList<MigrationStep> StepsOf(DbContext db)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        var initializer = db.GetService<IModelRuntimeInitializer>();
        var provider = db.Database.ProviderName!;
        return
        [
            .. migrations.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m =>
            {
                var migration = migrations.CreateMigration(m.Value, provider);
                return new MigrationStep(m.Key, migration.UpOperations, ShapeOf(migration.TargetModel, initializer),
                    m.Value.GetCustomAttribute<ExpandOnlySqlAttribute>()?.Reason);
            }),
        ];
    }

    // As EF Core's migrator prepares a target model before it generates SQL for it.
    private static SchemaShape ShapeOf(IModel? model, IModelRuntimeInitializer initializer)
    {
        if (model is null)
        {
            return SchemaShape.Empty;
        }

        var finalized = model is IMutableModel mutable ? mutable.FinalizeModel() : model;
        return SchemaShape.Of(initializer.Initialize(finalized, designTime: true, validationLogger: null).GetRelationalModel());
    }
}
