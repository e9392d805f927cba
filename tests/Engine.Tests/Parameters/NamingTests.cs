using BuildEngine;

namespace EngineTests.Parameters;

public class NamingTests
{
    [TestCase("RegistryPassword", "registry-password", "REGISTRY_PASSWORD")]
    [TestCase("HTTPPort", "http-port", "HTTP_PORT")]
    [TestCase("AgentUid", "agent-uid", "AGENT_UID")]
    public void Names_are_spelled_per_place(string pascal, string kebab, string snake)
    {
        Naming.ToKebabCase(pascal).Should().Be(kebab);
        Naming.ToUpperSnakeCase(pascal).Should().Be(snake);
    }
}
