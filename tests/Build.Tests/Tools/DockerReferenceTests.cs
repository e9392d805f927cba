using Tools;

namespace BuildTests.Tools;

public class DockerReferenceTests
{
    [TestCase("123456789012.dkr.ecr.eu-west-1.amazonaws.com")]
    [TestCase("localhost:5000")]
    [TestCase("127.0.0.1:5000")]
    [TestCase("Registry.Example.com")]
    [TestCase("[::1]:5000")]
    [TestCase("my-registry")]
    public void Registries_that_docker_reads(string registry) =>
        DockerReference.Registry.Problem(registry).Should().BeNull();

    [TestCase("bad_registry!!/UPPER/Case", "it holds a '/': a registry is a host and port only, a path belongs to the repository")]
    [TestCase("reg,service.type=NodePort", "',' is not allowed in a host name")]
    [TestCase("bad_registry!!", "'_' is not allowed in a host name")]
    [TestCase("reg\n", "a control character (U+000A) is not allowed in a host name")]
    [TestCase("-reg.example.com", "each dot-separated part of a host name is letters, digits and inner '-'")]
    [TestCase("reg..example.com", "each dot-separated part of a host name is letters, digits and inner '-'")]
    [TestCase("reg:0", "port '0' is not a number from 1 to 65535")]
    [TestCase("reg:50a", "port '50a' is not a number from 1 to 65535")]
    [TestCase("[zz]:5000", "'[zz]' is not an IPv6 address")]
    [TestCase("", "a host name has 1 to 253 characters")]
    public void Registries_that_are_not_host_and_port(string registry, string problem) =>
        DockerReference.Registry.Problem(registry).Should().Be(problem);

    [TestCase("admin-site")]
    [TestCase("team/admin-site")]
    [TestCase("a/b/c__d.e---f")]
    public void Repositories_in_the_oci_grammar(string repository) =>
        DockerReference.Repository.Problem(repository).Should().BeNull();

    [TestCase("Admin", "uppercase 'A' is not allowed")]
    [TestCase("admin-site,service.type=NodePort", "',' is not allowed")]
    [TestCase("admin site", "' ' is not allowed")]
    [TestCase("admin-site:latest", "':' is not allowed")]
    [TestCase("/admin", "every path component starts and ends with a letter or digit, with no empty component")]
    [TestCase("admin-", "every path component starts and ends with a letter or digit, with no empty component")]
    [TestCase("a___b", "every path component starts and ends with a letter or digit, with no empty component")]
    public void Repositories_outside_the_grammar(string repository, string problem) =>
        DockerReference.Repository.Problem(repository).Should().Be(problem);

    [Test]
    public void A_repository_longer_than_docker_allows() =>
        DockerReference.Repository.Problem(new string('a', 256)).Should().Be("it has 256 characters, more than docker's 255");

    [TestCase("0123456789ab-57", true)]
    [TestCase("0123456789ab-feature.x_1", true)]
    [TestCase("0123456789ab-12 3", false)]
    [TestCase(".hidden", false)]
    public void Tags(string tag, bool valid) => DockerReference.IsValidTag(tag).Should().Be(valid);
}
