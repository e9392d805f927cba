using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// The Jenkins node the rehearsal's later stages run on: the stand-in images' debootstrapped Debian with docker (this
/// machine's client, talking to the private engine through a mounted socket), git, curl, the ECR credential helper
/// and helm, a 'jenkins' user (uid 1000), and no .NET: build.sh must install the SDK itself. helm on PATH is
/// helm-stub.sh in front of the real binary, because there is no cluster to deploy to.
/// </summary>
public sealed class NodeImage(Docker docker, AbsolutePath repository)
{
    public const string Name = "admin-site-rehearsal/jenkins-node:1";
    public const int User = 1000;

    public async Task Ensure(string dockerClient, string helm, CancellationToken cancellation = default)
    {
        if (!await docker.ImageExists(StandInImages.BaseImage, cancellation))
            throw new BuildFailedException($"{StandInImages.BaseImage} is missing: the stand-in images step makes it.");

        var context = AbsolutePath.Create(Directory.CreateTempSubdirectory("jenkins-node-").FullName);
        try
        {
            File.Copy(dockerClient, context / "docker");
            File.Copy(helm, context / "helm");
            File.Copy(repository / "build" / "E2E" / "Jenkins" / "helm-stub.sh", context / "helm-stub");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(context / "helm-stub", (UnixFileMode)0b111_101_101);
            File.Copy("/etc/ssl/certs/ca-certificates.crt", context / "ca-certificates.crt");
            await File.WriteAllTextAsync(context / "Dockerfile", Dockerfile, cancellation);
            // Rebuilt each rehearsal from the layer cache: only a changed stub, client or helm makes new layers.
            await docker.Build(build => build.SetContext(context).AddTag(Name).AddBuildArg("BASE", StandInImages.BaseImage)
                .AddBuildArg("UID", User).SetNetwork("host"), cancellation);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    private const string Dockerfile = """
        # A Jenkins node as the README describes it: docker, git, curl, the ECR credential helper, helm; no .NET.
        ARG BASE
        FROM $BASE
        ARG UID
        ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
        RUN apt-get update \
            && apt-get install -y --no-install-recommends git curl amazon-ecr-credential-helper \
            && rm -rf /var/lib/apt/lists/* \
            && groupadd --gid $UID jenkins && useradd --no-log-init --uid $UID --gid $UID --create-home --shell /bin/bash jenkins
        COPY docker /usr/local/bin/docker
        COPY helm /opt/helm/helm
        COPY helm-stub /usr/local/bin/helm

        """;
}
