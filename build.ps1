#!/usr/bin/env pwsh
# Runs the build (build/_build.csproj): ./build.ps1 [targets] [--parameter value...]; ./build.ps1 --help lists them.
# Same behaviour as build.sh: compile only when sources changed, then run the assembly directly (no launch profile).
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Project = Join-Path $Root 'build/_build.csproj'
$Assembly = Join-Path $Root 'build/bin/Debug/net10.0/_build.dll'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

# Plain stderr and exit code 2 ("did not start"), as build.sh: with ErrorActionPreference Stop, Write-Error
# would throw instead, exit with 1 and wrap the message in a script listing.
function Stop-Build([string] $Message) {
    [Console]::Error.WriteLine("build.ps1: $Message")
    exit 2
}

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Stop-Build "'dotnet' is not on PATH. Install the .NET SDK version in global.json: https://dot.net"
}

function Test-Stale {
    if (-not (Test-Path $Assembly)) { return $true }
    $built = (Get-Item $Assembly).LastWriteTimeUtc
    # As build.sh: folders count too, so adding or removing a file is a change; bin/ and obj/ (the build's and its
    # engine's) are what compiling writes, not inputs.
    $inputs = @(Get-Item (Join-Path $Root 'global.json'), (Join-Path $Root 'Directory.*.props'), (Join-Path $Root 'build'))
    $buildFolder = Join-Path $Root 'build'
    $inputs += Get-ChildItem $buildFolder -Recurse |
        Where-Object { $_.FullName.Substring($buildFolder.Length) -notmatch '[\\/](bin|obj)([\\/]|$)' }
    return [bool]($inputs | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

if (Test-Stale) {
    Push-Location $Root
    try { $sdk = & dotnet --version 2>$null } finally { Pop-Location }
    if ($LASTEXITCODE -ne 0) {
        Stop-Build "no .NET SDK matching global.json is installed: https://dot.net"
    }
    Write-Host "Compiling the build (dotnet $sdk)..."
    # Quiet on success; the whole compiler output on failure.
    $log = & dotnet build $Project --nologo --verbosity quiet --configuration Debug -tl:off 2>&1
    if ($LASTEXITCODE -ne 0) {
        $log | ForEach-Object { [Console]::Error.WriteLine($_) }
        Stop-Build "the build project does not compile (see above)."
    }
    (Get-Item $Assembly).LastWriteTimeUtc = [DateTime]::UtcNow
}

Set-Location $Root
& dotnet $Assembly @args
exit $LASTEXITCODE
