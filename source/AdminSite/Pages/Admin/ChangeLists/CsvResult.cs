using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AdminSite.Pages.Admin.ChangeLists;

/// <summary>
/// A CSV download written row by row as the rows arrive from the database, so its memory does not grow with
/// the number of rows: nothing is collected first, and the client's reading speed paces the query.
/// </summary>
public sealed class CsvResult(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<string?[]> rows) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;

        // The query answers before the first byte goes out: one that fails is then the plain error page, not a
        // download that stops half-way with a 200 already sent.
        await using var row = rows.GetAsyncEnumerator(cancellationToken);
        var more = await row.MoveNextAsync();
        response.ContentType = "text/csv; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();

        // With a byte order mark, spreadsheets read the file as UTF-8 (names like "Zoë" survive). Only
        // asynchronous writes: the server refuses synchronous ones, and StreamWriter flushes as its buffer fills.
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Csv.Row(header).AsMemory(), cancellationToken);
        for (; more; more = await row.MoveNextAsync())
        {
            await writer.WriteAsync(Csv.Row(row.Current).AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }
}
