using System.Net;
using BuildEngine;
using E2E;

namespace BuildTests.E2E;

public sealed class LoopbackFileServerTests
{
    private AbsolutePath _root = null!;

    [SetUp]
    public void Folder()
    {
        _root = AbsolutePath.Create(Directory.CreateTempSubdirectory("loopback-files-").FullName);
        Directory.CreateDirectory(_root / "site");
        File.WriteAllBytes(_root / "archive.tar.gz", Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray());
        File.WriteAllText(_root / "secret.txt", "not served");
    }

    [TearDown]
    public void Delete() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task A_symbolic_link_is_served_whole_with_its_targets_length()
    {
        File.CreateSymbolicLink(_root / "site" / "sdk.tar.gz", _root / "archive.tar.gz");
        await using var server = LoopbackFileServer.Start(_root / "site");
        using var http = new HttpClient();

        using var response = await http.GetAsync($"{server.BaseAddress}/sdk.tar.gz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.Should().Be(100_000);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(await File.ReadAllBytesAsync(_root / "archive.tar.gz"));
        server.Requests.Should().Equal("GET /sdk.tar.gz 200");
    }

    [TestCase("/missing.txt")]
    [TestCase("/../secret.txt")]
    [TestCase("/%2e%2e/secret.txt")]
    public async Task Anything_but_a_file_inside_the_folder_is_not_found(string path)
    {
        await using var server = LoopbackFileServer.Start(_root / "site");
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, new Uri(server.BaseAddress).Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n"));

        var answer = await new StreamReader(stream).ReadToEndAsync();

        answer.Should().StartWith("HTTP/1.1 404 Not Found");
    }
}
