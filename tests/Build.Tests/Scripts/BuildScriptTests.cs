using System.Runtime.Versioning;
using BuildEngine;

namespace BuildTests.Scripts;

/// <summary>
/// build.sh and build.ps1 behave alike: the build is compiled only when its inputs changed, arguments and the
/// exit code pass through untouched, and a build that does not compile stops with exit code 2 and says why (a
/// missing SDK: <see cref="SdkBootstrapTests"/>). A fake <c>dotnet</c> first on PATH records what the scripts ask of it; build.ps1 runs in the
/// PowerShell of dotnet-tools.json (./build.sh Prerequisites restores it).
/// </summary>
[UnsupportedOSPlatform("windows")] // bash, symbolic links and Unix file modes, as on the Linux agents.
[TestFixture("build.sh")]
[TestFixture("build.ps1")]
public sealed class BuildScriptTests(string script)
{
    private const string FakeDotNet = """
        #!/bin/bash
        printf '%s\n' "$*" >> "$FAKE_DOTNET_LOG"
        case "$1" in
          --version) echo 10.0.100 ;;
          build) if [ -n "$FAKE_DOTNET_BUILD_ERROR" ]; then echo "$FAKE_DOTNET_BUILD_ERROR"; exit 1; fi ;;
          *) printf 'ran %s:' "$(basename "$1")"; shift; printf ' [%s]' "$@"; echo; exit "${FAKE_BUILD_EXIT_CODE:-0}" ;;
        esac
        """;

    private AbsolutePath _root = null!;
    private AbsolutePath _fakeBin = null!;
    private AbsolutePath _assembly = null!;
    private Dictionary<string, string> _environment = null!;

    private string DotNetLog => File.Exists(_root / "dotnet.log") ? File.ReadAllText(_root / "dotnet.log") : "";

    [SetUp]
    public void CreateScratchRepository()
    {
        var repository = AbsolutePath.Create(RepositoryRoot.Path);
        _root = AbsolutePath.Create(Directory.CreateTempSubdirectory("build-script-").FullName);
        foreach (var file in new[] { script, "global.json", "Directory.Build.props", "Directory.Packages.props", "build/_build.csproj", "build/Build.cs" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_root / file)!);
            File.Copy(repository / file, _root / file);
        }

        _assembly = _root / "build" / "bin" / "Debug" / "net10.0" / "_build.dll";
        Directory.CreateDirectory(Path.GetDirectoryName(_assembly)!);
        File.WriteAllText(_assembly, "");
        File.SetLastWriteTimeUtc(_assembly, DateTime.UtcNow.AddMinutes(5));

        _fakeBin = _root / "fake-bin";
        Directory.CreateDirectory(_fakeBin);
        File.WriteAllText(_fakeBin / "dotnet", FakeDotNet.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(_fakeBin / "dotnet", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _environment = new()
        {
            ["PATH"] = $"{_fakeBin}:/usr/bin:/bin",
            ["FAKE_DOTNET_LOG"] = _root / "dotnet.log",
        };
    }

    [TearDown]
    public void DeleteScratchRepository() => Directory.Delete(_root, recursive: true);

    [Test]
    public void An_up_to_date_build_runs_directly_with_the_arguments_and_exit_code_untouched()
    {
        _environment["FAKE_BUILD_EXIT_CODE"] = "3";

        var (exitCode, output) = Run("Deploy", "--values-files", "env/prod.yaml", "two words", "");

        exitCode.Should().Be(3, output);
        output.Should().Contain("ran _build.dll: [Deploy] [--values-files] [env/prod.yaml] [two words] []");
        output.Should().NotContain("Compiling the build");
        DotNetLog.Should().NotContain("build ");
    }

    [Test]
    public void A_changed_build_source_is_compiled_once_then_the_build_runs()
    {
        ChangeASource();

        var (exitCode, output) = Run("Test");

        exitCode.Should().Be(0, output);
        output.Should().Contain("Compiling the build (dotnet 10.0.100)").And.Contain("ran _build.dll: [Test]");
        DotNetLog.Should().Contain($"build {_root / "build" / "_build.csproj"} --nologo --verbosity quiet --configuration Debug -tl:off");

        File.Delete(_root / "dotnet.log");
        var (_, again) = Run("Test");
        again.Should().NotContain("Compiling the build", "the assembly was marked current after compiling");
    }

    [Test]
    public void A_file_added_with_an_old_time_still_counts_as_a_change()
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(_root / "build", "*", SearchOption.AllDirectories).Append(_root / "build"))
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));
        File.SetLastWriteTimeUtc(_assembly, DateTime.UtcNow.AddMinutes(-5));
        File.WriteAllText(_root / "build" / "Build.Extra.cs", "");
        File.SetLastWriteTimeUtc(_root / "build" / "Build.Extra.cs", DateTime.UtcNow.AddMinutes(-10));

        var (exitCode, output) = Run("Test");

        exitCode.Should().Be(0, output);
        output.Should().Contain("Compiling the build", "the folder changed when the file was added");
    }

    [Test]
    public void A_changed_engine_source_is_compiled()
    {
        File.SetLastWriteTimeUtc(_assembly, DateTime.UtcNow.AddMinutes(-5));
        Directory.CreateDirectory(_root / "build" / "Engine");
        File.WriteAllText(_root / "build" / "Engine" / "Planner.cs", "");

        var (exitCode, output) = Run("Test");

        exitCode.Should().Be(0, output);
        output.Should().Contain("Compiling the build", "the engine is compiled into the build");
    }

    [Test]
    public void What_compiling_writes_to_bin_and_obj_is_not_a_change()
    {
        foreach (var folder in new[] { "build/obj", "build/Engine/bin/Debug", "build/Engine/obj" })
        {
            Directory.CreateDirectory(_root / folder);
            File.WriteAllText(_root / folder / "written-by-the-compiler", "");
            File.SetLastWriteTimeUtc(_root / folder / "written-by-the-compiler", DateTime.UtcNow.AddMinutes(10));
        }

        var (exitCode, output) = Run("Test");

        exitCode.Should().Be(0, output);
        output.Should().NotContain("Compiling the build").And.Contain("ran _build.dll: [Test]");
    }

    [Test]
    public void A_build_that_does_not_compile_shows_the_compiler_and_stops_with_exit_code_2()
    {
        ChangeASource();
        _environment["FAKE_DOTNET_BUILD_ERROR"] = "Build.cs(3,1): error CS1002: ; expected";

        var (exitCode, output) = Run("Test");

        exitCode.Should().Be(2, output);
        output.Should().Contain("Build.cs(3,1): error CS1002: ; expected").And.Contain("the build project does not compile");
        output.Should().NotContain("ran _build.dll");
    }

    // File.Copy kept the checkout's times: make the change explicit, whenever the repository was cloned.
    private void ChangeASource()
    {
        File.SetLastWriteTimeUtc(_assembly, DateTime.UtcNow.AddMinutes(-5));
        File.SetLastWriteTimeUtc(_root / "build" / "Build.cs", DateTime.UtcNow);
    }

    private (int ExitCode, string Output) Run(params string[] arguments) => BuildScript.Run(script, _root, _environment, arguments);
}
