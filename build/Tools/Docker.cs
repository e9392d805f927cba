namespace Tools;

/// <summary>The docker CLI: every command line the build gives it is assembled here.</summary>
public sealed class Docker(IProcessRunner runner, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
{
    private const string MissingHint = "Install Docker (apt-get install docker.io) and make sure the daemon is running.";

    public Task<ToolResult> Build(Func<DockerBuildSettings, DockerBuildSettings> configure, CancellationToken cancellation = default) =>
        Run(configure(new DockerBuildSettings()).Arguments(), cancellation);

    public Task<ToolResult> Run(Func<DockerRunSettings, DockerRunSettings> configure, CancellationToken cancellation = default) =>
        Run(configure(new DockerRunSettings()).Arguments(), cancellation);

    public Task<ToolResult> Tag(string source, string target, CancellationToken cancellation = default) =>
        Run(["tag", source, target], cancellation);

    public Task<ToolResult> Push(string reference, CancellationToken cancellation = default) =>
        Run(["push", reference], cancellation);

    /// <summary>Logs in with the password on standard input, so it never appears in a process list or log.</summary>
    public Task<ToolResult> Login(string registry, string username, string password, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(["login", registry, "--username", username, "--password-stdin"]) with { StandardInput = password }, cancellation);

    /// <summary>Runs <c>docker inspect --format</c> and returns what it printed.</summary>
    public async Task<string> Inspect(string reference, string format, CancellationToken cancellation = default) =>
        (await runner.RunAsync(Command(["inspect", "--format", format, reference]) with { Quiet = true }, cancellation)).StandardOutput.Trim();

    /// <summary>A label of a local image, or null when the image (or the label) does not exist.</summary>
    public async Task<string?> ImageLabel(string image, string label, CancellationToken cancellation = default)
    {
        var result = await runner.RunAsync(Command(["image", "inspect", "--format", $"{{{{index .Config.Labels \"{label}\"}}}}", image])
            with { Quiet = true, AllowFailure = true }, cancellation);
        var value = result.StandardOutput.Trim();
        return result.Succeeded && value.Length > 0 && value != "<no value>" ? value : null;
    }

    public async Task<bool> ImageExists(string image, CancellationToken cancellation = default) =>
        (await runner.RunAsync(Command(["image", "inspect", "--format", "{{.Id}}", image]) with { Quiet = true, AllowFailure = true }, cancellation)).Succeeded;

    /// <summary>Imports a root filesystem tarball as a one-layer image.</summary>
    public Task<ToolResult> Import(string tarball, string tag, string change, CancellationToken cancellation = default) =>
        Run(["import", "--change", change, tarball, tag], cancellation);

    public Task<ToolResult> Remove(IReadOnlyList<string> containers, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(["rm", "--force", "--volumes", .. containers]) with { Quiet = true, AllowFailure = true }, cancellation);

    /// <summary>
    /// <c>docker exec</c>: runs a command in a running container, streaming its output; a failure is returned, not
    /// thrown, so the caller can say what it was doing.
    /// </summary>
    public Task<ToolResult> Exec(string container, IReadOnlyList<string> command, string? workingDirectory = null,
        IReadOnlyList<KeyValuePair<string, string>>? environment = null, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(
        [
            "exec",
            .. workingDirectory is null ? [] : (string[])["--workdir", workingDirectory],
            .. (environment ?? []).SelectMany(variable => (string[])["--env", $"{variable.Key}={variable.Value}"]),
            container,
            .. command,
        ]) with { AllowFailure = true }, cancellation);

    private Task<ToolResult> Run(IReadOnlyList<string> arguments, CancellationToken cancellation) =>
        runner.RunAsync(Command(arguments), cancellation);

    private ToolCommand Command(IReadOnlyList<string> arguments) => new("docker", arguments)
    {
        WorkingDirectory = workingDirectory,
        Environment = environment ?? new Dictionary<string, string?>(),
        MissingHint = MissingHint,
    };
}

/// <summary><c>docker build</c>, fluent like NUKE's tool settings.</summary>
public sealed record DockerBuildSettings
{
    public string Context { get; init; } = ".";
    public string? File { get; init; }
    public string? Target { get; init; }
    public string? Network { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> BuildArgs { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    public DockerBuildSettings SetContext(string context) => this with { Context = context };
    public DockerBuildSettings SetFile(string file) => this with { File = file };
    public DockerBuildSettings SetTarget(string target) => this with { Target = target };
    public DockerBuildSettings SetNetwork(string? network) => this with { Network = network };
    public DockerBuildSettings AddTag(string tag) => this with { Tags = [.. Tags, tag] };
    public DockerBuildSettings AddBuildArg(string name, object value) => this with { BuildArgs = [.. BuildArgs, new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!)] };
    public DockerBuildSettings AddLabel(string name, string value) => this with { Labels = [.. Labels, new(name, value)] };

    public IReadOnlyList<string> Arguments()
    {
        var arguments = new List<string> { "build" };
        if (File is not null) arguments.AddRange(["--file", File]);
        if (Target is not null) arguments.AddRange(["--target", Target]);
        if (Network is not null) arguments.AddRange(["--network", Network]);
        foreach (var tag in Tags) arguments.AddRange(["--tag", tag]);
        foreach (var (name, value) in BuildArgs) arguments.AddRange(["--build-arg", $"{name}={value}"]);
        foreach (var (name, value) in Labels) arguments.AddRange(["--label", $"{name}={value}"]);
        arguments.Add(Context);
        return arguments;
    }
}

/// <summary><c>docker run</c>, fluent like NUKE's tool settings.</summary>
public sealed record DockerRunSettings
{
    public string Image { get; init; } = "";
    public IReadOnlyList<string> Command { get; init; } = [];
    public string? Name { get; init; }
    public string? User { get; init; }
    public string? WorkingDirectory { get; init; }
    public string? Network { get; init; }
    public bool Remove { get; init; }
    public bool Detach { get; init; }
    public IReadOnlyList<string> Volumes { get; init; } = [];
    public IReadOnlyList<string> Groups { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables { get; init; } = [];

    public DockerRunSettings SetImage(string image) => this with { Image = image };
    public DockerRunSettings SetCommand(params string[] command) => this with { Command = command };
    public DockerRunSettings SetName(string name) => this with { Name = name };
    public DockerRunSettings SetUser(string user) => this with { User = user };
    public DockerRunSettings SetWorkingDirectory(string directory) => this with { WorkingDirectory = directory };
    public DockerRunSettings SetNetwork(string? network) => this with { Network = network };
    public DockerRunSettings EnableRemove() => this with { Remove = true };
    public DockerRunSettings EnableDetach() => this with { Detach = true };
    public DockerRunSettings AddVolume(string volume) => this with { Volumes = [.. Volumes, volume] };
    public DockerRunSettings AddGroup(string group) => this with { Groups = [.. Groups, group] };
    public DockerRunSettings AddEnvironmentVariable(string name, string value) => this with { EnvironmentVariables = [.. EnvironmentVariables, new(name, value)] };

    public IReadOnlyList<string> Arguments()
    {
        if (Image.Length == 0)
            throw new InvalidOperationException("docker run needs an image.");
        var arguments = new List<string> { "run" };
        if (Remove) arguments.Add("--rm");
        if (Detach) arguments.Add("--detach");
        if (Name is not null) arguments.AddRange(["--name", Name]);
        if (User is not null) arguments.AddRange(["--user", User]);
        foreach (var group in Groups) arguments.AddRange(["--group-add", group]);
        if (Network is not null) arguments.AddRange(["--network", Network]);
        if (WorkingDirectory is not null) arguments.AddRange(["--workdir", WorkingDirectory]);
        foreach (var volume in Volumes) arguments.AddRange(["--volume", volume]);
        foreach (var (name, value) in EnvironmentVariables) arguments.AddRange(["--env", $"{name}={value}"]);
        arguments.Add(Image);
        arguments.AddRange(Command);
        return arguments;
    }
}
