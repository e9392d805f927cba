#!/usr/bin/env pwsh
# Runs the build (build/_build.csproj): ./build.ps1 [targets] [--parameter value...]; ./build.ps1 --help lists them.
# Same behaviour as build.sh: compile only when sources changed, then run the assembly directly (no launch profile),
# and without a dotnet that global.json accepts, install the SDK it names into .nuke/temp (dotnet-win on Windows with
# dotnet-install.ps1, dotnet-unix elsewhere with dotnet-install.sh). DOTNET_INSTALL_SCRIPT_URL and DOTNET_INSTALL_FEED
# point the install at a mirror.
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

$OnWindows = [System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Windows)
$DotNetDirectory = Join-Path $Root ".nuke/temp/$(if ($OnWindows) { 'dotnet-win' } else { 'dotnet-unix' })"
$InstalledDotNet = Join-Path $DotNetDirectory $(if ($OnWindows) { 'dotnet.exe' } else { 'dotnet' })

# As build.sh: the SDK this script installed wins; the build's own dotnet calls find it through PATH and DOTNET_ROOT.
function Use-InstalledSdk {
    $script:DotNet = $InstalledDotNet
    $env:DOTNET_ROOT = $DotNetDirectory
    $env:PATH = $DotNetDirectory + [System.IO.Path]::PathSeparator + $env:PATH
}
if (Test-Path $InstalledDotNet) { Use-InstalledSdk }
elseif (Get-Command dotnet -ErrorAction SilentlyContinue) { $DotNet = 'dotnet' }
else { $DotNet = $null }

function Get-GlobalJsonVersion {
    $file = Join-Path $Root 'global.json'
    if (-not (Test-Path $file)) { return $null }
    $json = Get-Content $file -Raw | ConvertFrom-Json
    if ($json.PSObject.Properties['sdk'] -and $json.sdk.PSObject.Properties['version']) { return $json.sdk.version }
    return $null
}

# Honours global.json (version and rollForward): $null when no installed SDK satisfies it.
function Get-SdkVersion {
    Push-Location $Root
    try { $version = & $DotNet --version 2>$null } finally { Pop-Location }
    if ($LASTEXITCODE -eq 0) { return $version }
    return $null
}

function Install-Sdk([string] $Why) {
    $version = Get-GlobalJsonVersion
    $name = if ($OnWindows) { 'dotnet-install.ps1' } else { 'dotnet-install.sh' }
    $url = if ($env:DOTNET_INSTALL_SCRIPT_URL) { $env:DOTNET_INSTALL_SCRIPT_URL } else { "https://dot.net/v1/$name" }
    $script = Join-Path $Root ".nuke/temp/$name"
    [Console]::Error.WriteLine("Installing the .NET SDK $(if ($version) { $version } else { '(latest STS)' }) into $([System.IO.Path]::GetRelativePath($Root, $DotNetDirectory)): $Why...")
    New-Item -ItemType Directory -Force -Path (Join-Path $Root '.nuke/temp') | Out-Null
    try {
        Invoke-WebRequest -Uri $url -OutFile $script -UseBasicParsing
    }
    catch {
        Stop-Build ("could not download the .NET install script from ${url}: $($_.Exception.Message) Install the .NET SDK $version " +
            "(https://dot.net), or set DOTNET_INSTALL_SCRIPT_URL to a copy of $name this machine can reach.")
    }
    $feed = $env:DOTNET_INSTALL_FEED
    if ($OnWindows) {
        $arguments = @('-InstallDir', $DotNetDirectory, '-NoPath') + $(if ($version) { @('-Version', $version) } else { @('-Channel', 'STS') })
        if ($feed) { $arguments += @('-AzureFeed', $feed, '-UncachedFeed', $feed) }
        # The PowerShell running this script (pwsh or Windows PowerShell) runs the installer too.
        & (Get-Process -Id $PID).Path -NoProfile -ExecutionPolicy Bypass -File $script @arguments | ForEach-Object { [Console]::Error.WriteLine($_) }
    }
    else {
        $arguments = @('--install-dir', $DotNetDirectory, '--no-path') + $(if ($version) { @('--version', $version) } else { @('--channel', 'STS') })
        if ($feed) { $arguments += @('--azure-feed', $feed, '--uncached-feed', $feed) }
        & bash $script @arguments 2>&1 | ForEach-Object { [Console]::Error.WriteLine($_) }
    }
    if ($LASTEXITCODE -ne 0) {
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $DotNetDirectory
        Stop-Build "installing the .NET SDK $version failed (see above). Install it yourself (https://dot.net), or set DOTNET_INSTALL_FEED to a feed that serves it."
    }
    Use-InstalledSdk
}

if (-not $DotNet) { Install-Sdk "there is no dotnet on PATH" }

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
    $sdk = Get-SdkVersion
    if (-not $sdk) {
        if ($DotNet -eq $InstalledDotNet) {
            Stop-Build "the SDK in $([System.IO.Path]::GetRelativePath($Root, $DotNetDirectory)) does not satisfy global.json ($(Get-GlobalJsonVersion)): delete that folder and run again."
        }
        Install-Sdk "the dotnet on PATH has no SDK that global.json ($(Get-GlobalJsonVersion)) accepts"
        $sdk = Get-SdkVersion
        if (-not $sdk) { Stop-Build "the installed SDK does not satisfy global.json ($(Get-GlobalJsonVersion))." }
    }
    Write-Host "Compiling the build (dotnet $sdk)..."
    # Quiet on success; the whole compiler output on failure.
    $log = & $DotNet build $Project --nologo --verbosity quiet --configuration Debug -tl:off 2>&1
    if ($LASTEXITCODE -ne 0) {
        $log | ForEach-Object { [Console]::Error.WriteLine($_) }
        Stop-Build "the build project does not compile (see above)."
    }
    (Get-Item $Assembly).LastWriteTimeUtc = [DateTime]::UtcNow
}

Set-Location $Root
& $DotNet $Assembly @args
exit $LASTEXITCODE
