using BuildEngine;
using Tools;

namespace BuildTests.Tools;

[NonParallelizable]
public class ToolCommandTests
{
    [TearDown]
    public void Reset() => typeof(SecretMasker).GetMethod("Clear", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.Invoke(null, null);

    [Test]
    public void Command_lines_are_shell_quoted_and_secrets_masked()
    {
        SecretMasker.Register("t0p-s3cret");

        new ToolCommand("docker", ["run", "--env", "PASSWORD=t0p-s3cret", "it's here", "a b"]).ToString()
            .Should().Be("docker run --env PASSWORD=***** 'it'\\''s here' 'a b'");
    }
}
