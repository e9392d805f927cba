namespace EngineTests;

/// <summary>A fresh throwaway repository root per test, removed afterwards.</summary>
public abstract class BuildHostFixture
{
    protected TestBuildHost Host { get; private set; } = null!;

    [SetUp]
    public void CreateHost() => Host = new TestBuildHost();

    [TearDown]
    public void DisposeHost() => Host.Dispose();
}
