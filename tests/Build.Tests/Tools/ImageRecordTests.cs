using BuildEngine;
using Tools;

namespace BuildTests.Tools;

public class ImageRecordTests
{
    private const string Digest = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";

    [Test]
    public void The_digest_comes_from_the_push_line_of_our_tag()
    {
        var output = $"""
            The push refers to repository [localhost:5000/admin-site]
            5f70bf18a086: Layer already exists
            other: digest: sha256:{new string('c', 64)} size: 10
            abc-1: digest: {Digest} size: 1786
            """;

        ImageRecord.DigestFromPushOutput(output, "abc-1").Should().Be(Digest);
        ImageRecord.DigestFromPushOutput(output, "abc-2").Should().BeNull();
    }

    [Test]
    public void RepoDigests_are_filtered_to_our_repository_not_index_zero()
    {
        var json = $"""["docker.io/library/admin-site@sha256:{new string('a', 64)}","localhost:5000/admin-site-old@sha256:{new string('e', 64)}","localhost:5000/admin-site@{Digest}"]""";

        ImageRecord.DigestFromRepoDigests(json, "localhost:5000/admin-site").Should().Be(Digest);
        ImageRecord.DigestFromRepoDigests("[]", "localhost:5000/admin-site").Should().BeNull();
        ImageRecord.DigestFromRepoDigests("not json", "x").Should().BeNull();
    }

    [TestCase("sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945", true)]
    [TestCase("sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b94", false)]
    [TestCase("sha256:4F53CDA18C2BAA0C0354BB5F9A3ECBE5ED12AB4D8E11BA873C2F11161202B945", false)]
    [TestCase("sha512:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945", false)]
    [TestCase("sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945\n", false)]
    [TestCase("", false)]
    public void Digests_must_be_sha256_and_64_lowercase_hex(string digest, bool valid) =>
        ImageRecord.IsValidDigest(digest).Should().Be(valid);

    [Test]
    public void Records_round_trip_and_refuse_bad_digests()
    {
        var path = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "image.json"));
        try
        {
            var record = new ImageRecord("localhost:5000", "admin-site", "abc-1", Digest);
            record.Write(path);
            ImageRecord.Read(path).Should().Be(record);
            record.DigestReference.Should().Be($"localhost:5000/admin-site@{Digest}");

            var write = () => (record with { Digest = "sha256:nope" }).Write(path);
            write.Should().Throw<BuildFailedException>();
            ImageRecord.Read(path).Should().Be(record);
        }
        finally
        {
            Directory.Delete(path.Parent, recursive: true);
        }
    }

    [Test]
    public void The_version_round_trips_and_a_tampered_one_is_refused()
    {
        var path = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "image.json"));
        try
        {
            var record = new ImageRecord("localhost:5000", "admin-site", "abc-1", Digest) { Version = "1.2.1-alpha.0.3" };
            record.Write(path);
            ImageRecord.Read(path).Version.Should().Be("1.2.1-alpha.0.3");

            File.WriteAllText(path, File.ReadAllText(path).Replace("1.2.1-alpha.0.3", "1.2.1,service.type=NodePort", StringComparison.Ordinal));
            var read = () => ImageRecord.Read(path);
            read.Should().Throw<BuildFailedException>().WithMessage("*holds version '1.2.1,service.type=NodePort', which is not a SemVer version*");
        }
        finally
        {
            Directory.Delete(path.Parent, recursive: true);
        }
    }
}
