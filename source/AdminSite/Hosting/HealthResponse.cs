using System.Text.Json;
using AdminSite.Observability;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdminSite.Hosting;

/// <summary>
/// What /healthz and /readyz answer: <c>{"status":"Healthy","version":"1.2.0","commit":"…"}</c>, so a probe, a
/// person with curl or a rollout check sees which build a pod runs. Only constants besides the status: as cheap as
/// the plain "Healthy" it replaces.
/// </summary>
internal static class HealthResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteString("version", SiteVersion.Version);
            json.WriteString("commit", SiteVersion.Commit);
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
