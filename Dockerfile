# Every ARG defaults to production. Plain Dockerfile syntax: builds with BuildKit and the classic builder,
# which (unlike BuildKit) also builds every stage above --target, so the Jenkins agent stage comes first.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

# test: the Jenkins agent; Jenkins mounts the workspace and runs ./build.sh Test as its own uid:gid
FROM $SDK_IMAGE AS test
# git: the build reads the commit; npm: the build's Prerequisites target fetches its pinned helm; procps: ps.
# On Debian, apt's chromium is the real browser; on Ubuntu (the official sdk:10.0) it is a snap shim that cannot
# run in a container, so there the Playwright CLI shipped in the Microsoft.Playwright package (the version in
# Directory.Packages.props) installs Chromium and its libraries, linked to /usr/bin/chromium like Debian's.
RUN apt-get update && . /etc/os-release \
    && if [ "$ID" = debian ]; then browser="chromium fonts-dejavu-core"; else browser=; fi \
    && apt-get install -y --no-install-recommends git npm procps $browser && rm -rf /var/lib/apt/lists/*
ENV PLAYWRIGHT_BROWSERS_PATH=/ms-playwright
COPY Directory.Packages.props /tmp/playwright/
RUN . /etc/os-release && [ "$ID" = debian ] || { cd /tmp/playwright \
    && echo '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup><ItemGroup><PackageReference Include="Microsoft.Playwright" /></ItemGroup></Project>' > pw.csproj \
    && dotnet restore --packages packages && pw=$(echo packages/microsoft.playwright/*/.playwright) \
    && "$pw/node/linux-x64/node" "$pw/package/cli.js" install --with-deps chromium \
    && ln -s "$(echo $PLAYWRIGHT_BROWSERS_PATH/chromium-*/chrome-linux*/chrome)" /usr/bin/chromium \
    && rm -rf /tmp/playwright /root/.local/share/NuGet /var/lib/apt/lists/*; }
ARG UID=1000
ARG GID=1000
# The uid may exist already (1000 'ubuntu' on Ubuntu 24.04): that user goes; an existing gid is reused.
RUN if [ "$UID" != 0 ]; then old=$(getent passwd "$UID" | cut -d: -f1) \
    && { [ -z "$old" ] || userdel --remove "$old"; } \
    && { getent group "$GID" >/dev/null || groupadd --gid "$GID" jenkins; } \
    && useradd --no-log-init --uid "$UID" --gid "$GID" --home-dir /home/jenkins --shell /bin/bash jenkins; fi \
    && mkdir -p /home/jenkins/.nuget/packages && chown -R "$UID:$GID" /home/jenkins
ENV HOME=/home/jenkins NUGET_PACKAGES=/home/jenkins/.nuget/packages DOTNET_SKIP_WORKLOAD_INTEGRITY_CHECK=true
USER $UID:$GID

# build: restore from the project files only (a cached layer), then publish
FROM $SDK_IMAGE AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY source/AdminSite/AdminSite.csproj source/AdminSite/
RUN dotnet restore source/AdminSite/AdminSite.csproj --use-current-runtime
COPY .editorconfig ./
COPY source/ source/
# The context has no .git: ./build.sh DockerBuild passes MinVer's version and the commit, which the site shows.
# Without them MinVer warns and the site calls itself 0.0.0-alpha.0.
ARG VERSION=
ARG REVISION=
RUN dotnet publish source/AdminSite/AdminSite.csproj --no-restore --use-current-runtime --no-self-contained \
      -c Release -o /app -p:UseAppHost=false \
      ${VERSION:+-p:MinVerVersionOverride=$VERSION} ${REVISION:+-p:SourceRevisionId=$REVISION} \
    && mkdir /data

# final: the runtime image without the SDK, non-root on 8080 (metrics on 9090), the SQLite file on the /data volume
FROM $RUNTIME_IMAGE AS final
LABEL org.opencontainers.image.title="admin-site" \
      org.opencontainers.image.description="ASP.NET Core admin site (users, groups, permissions, audit log)"
ENV ASPNETCORE_ENVIRONMENT=Production \
    Database__SqlitePath=/data/admin-site.db
WORKDIR /app
COPY --from=build --chown=$APP_UID:$APP_UID /data /data
VOLUME /data
EXPOSE 8080 9090
COPY --from=build /app .
USER $APP_UID
ENTRYPOINT ["dotnet", "AdminSite.dll"]
