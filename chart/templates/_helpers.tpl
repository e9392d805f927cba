{{/*
admin-site.name: the chart name, overridable so two charts of the same name can coexist; truncated to
63 characters because it becomes a label value, and label values are capped there.
*/}}
{{- define "admin-site.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
admin-site.fullname: the base name of every resource. It includes the release name so two releases in one
namespace never collide, but not twice when the release name already contains the chart name
(`helm install admin-site` gives `admin-site`, not `admin-site-admin-site`). Truncated to 63 characters
because Service names must be DNS labels.
*/}}
{{- define "admin-site.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
admin-site.chart: chart name and version for the helm.sh/chart label. `+` is not allowed in label values,
so SemVer build metadata is rewritten with `_`.
*/}}
{{- define "admin-site.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
admin-site.labels: the recommended app.kubernetes.io labels on every resource, so `kubectl get all -l
app.kubernetes.io/instance=<release>` finds the whole release. These may change between chart versions;
the selector labels below may not.
*/}}
{{- define "admin-site.labels" -}}
helm.sh/chart: {{ include "admin-site.chart" . }}
{{ include "admin-site.selectorLabels" . }}
{{- with include "admin-site.version" . }}
app.kubernetes.io/version: {{ . | replace "+" "_" | trunc 63 | trimSuffix "-" | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
admin-site.version: the site version running, for labels and NOTES.txt. Helm keeps the release's appVersion from
Chart.yaml (upgrade has no --app-version), so deploys pass the image's own version as image.version.
*/}}
{{- define "admin-site.version" -}}
{{- .Values.image.version | default .Chart.AppVersion }}
{{- end }}

{{/*
admin-site.selectorLabels: what the Deployment, Service, PodDisruptionBudget and topology spread select on.
A Deployment's selector is immutable, so these never include helm.sh/chart or a version (an upgrade would
fail). The component label keeps the `helm test` pod out of the Service and the Deployment's selection.
*/}}
{{- define "admin-site.selectorLabels" -}}
app.kubernetes.io/name: {{ include "admin-site.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end }}

{{/*
admin-site.serviceAccountName: one place decides which ServiceAccount the pods run as, so the
ServiceAccount template and the pod spec can never disagree.
*/}}
{{- define "admin-site.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "admin-site.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
admin-site.image: the image reference, by digest whenever one is given, because a digest names exactly
the bytes that were tested and pushed while a tag can be moved. The tag (or the chart's appVersion) is only
a fallback for hand-made installs; with neither, rendering fails instead of pulling `latest`.
*/}}
{{- define "admin-site.image" -}}
{{- $repository := required "image.repository is required: the registry/repository the image was pushed to, e.g. <account>.dkr.ecr.<region>.amazonaws.com/admin-site" .Values.image.repository }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- $tag := .Values.image.tag | default .Chart.AppVersion | toString }}
{{- if not $tag }}
{{- fail "image: set image.digest (sha256:<64 hex>, preferred) or image.tag; neither was given and the chart has no appVersion to fall back to" }}
{{- end }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}
{{- end }}

{{/*
admin-site.bootstrapSecretName: the Secret the bootstrap admin is read from, shared by the Secret template,
the pod env and NOTES.txt.
*/}}
{{- define "admin-site.bootstrapSecretName" -}}
{{- .Values.bootstrapAdmin.existingSecret | default (printf "%s-bootstrap-admin" (include "admin-site.fullname" .)) }}
{{- end }}

{{/*
admin-site.dataClaimName: the PVC holding the SQLite file, shared by the PVC template and the pod volumes.
*/}}
{{- define "admin-site.dataClaimName" -}}
{{- .Values.database.sqlite.persistence.existingClaim | default (printf "%s-data" (include "admin-site.fullname" .)) }}
{{- end }}

{{/*
admin-site.maxReplicas: the most pods that can run at once, deciding whether a PodDisruptionBudget makes
sense (with one pod it would only block node drains).
*/}}
{{- define "admin-site.maxReplicas" -}}
{{- if .Values.autoscaling.enabled }}{{ .Values.autoscaling.maxReplicas | int }}{{ else }}{{ .Values.replicaCount | int }}{{ end }}
{{- end }}

{{/*
admin-site.databaseEnv: the database settings, shared by the migration init container and the site so both
always open the same database. The init container is the one place that migrates, so the site's own
migrate-on-startup is turned off (the `migrate` command ignores that flag).
*/}}
{{- define "admin-site.databaseEnv" -}}
- name: Database__MigrateOnStartup
  value: "false"
{{- if eq .Values.database.provider "postgresql" }}
- name: Database__Provider
  value: PostgreSQL
- name: ConnectionStrings__PostgreSQL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.postgresql.existingSecret | quote }}
      key: {{ .Values.database.postgresql.existingSecretKey | quote }}
{{- else }}
- name: Database__Provider
  value: Sqlite
- name: Database__SqlitePath
  value: /data/admin-site.db
{{- end }}
{{- end }}

{{/*
admin-site.siteEnv: everything the chart sets on the site container. extraEnv is appended in the template
and checked against these names, because a duplicate name silently wins or loses depending on order.
*/}}
{{- define "admin-site.siteEnv" -}}
{{ include "admin-site.databaseEnv" . | trim }}
{{- if .Values.bootstrapAdmin.enabled }}
{{- $secret := include "admin-site.bootstrapSecretName" . }}
{{- $keys := .Values.bootstrapAdmin.existingSecretKeys }}
{{- if not .Values.bootstrapAdmin.existingSecret }}
{{- $keys = dict "userName" "username" "email" "email" "password" "password" }}
{{- end }}
- name: Bootstrap__AdminUserName
  valueFrom:
    secretKeyRef:
      name: {{ $secret | quote }}
      key: {{ $keys.userName | quote }}
- name: Bootstrap__AdminEmail
  valueFrom:
    secretKeyRef:
      name: {{ $secret | quote }}
      key: {{ $keys.email | quote }}
- name: Bootstrap__AdminPassword
  valueFrom:
    secretKeyRef:
      name: {{ $secret | quote }}
      key: {{ $keys.password | quote }}
{{- end }}
- name: DOTNET_SHUTDOWNTIMEOUTSECONDS
  value: {{ .Values.gracefulShutdown.appShutdownTimeoutSeconds | quote }}
- name: Metrics__Enabled
  value: {{ .Values.metrics.enabled | quote }}
- name: Metrics__Port
  value: {{ .Values.metrics.port | quote }}
{{- include "admin-site.forwardedHeadersEnv" . }}
{{- include "admin-site.dataProtectionEnv" . }}
{{- end }}

{{/*
admin-site.dataProtectionEnv: where the site finds the certificate that encrypts its Data Protection keys, mounted
from dataProtection.certificateSecret by the Deployment (only the site container: migrations use no keys).
*/}}
{{- define "admin-site.dataProtectionEnv" -}}
{{- with .Values.dataProtection }}
{{- if .certificateSecret }}
- name: DataProtection__CertificatePath
  value: {{ printf "%s/%s" (include "admin-site.dataProtectionPath" $) .certificateKey | quote }}
{{- if .privateKeyKey }}
- name: DataProtection__CertificateKeyPath
  value: {{ printf "%s/%s" (include "admin-site.dataProtectionPath" $) .privateKeyKey | quote }}
{{- end }}
{{- if .passwordKey }}
- name: DataProtection__CertificatePassword
  valueFrom:
    secretKeyRef:
      name: {{ .certificateSecret | quote }}
      key: {{ .passwordKey | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* admin-site.dataProtectionPath: the folder the Data Protection certificate is mounted in. */}}
{{- define "admin-site.dataProtectionPath" -}}
/etc/admin-site/data-protection
{{- end }}

{{/*
admin-site.validate: rules the JSON schema cannot express (comparisons between values, the cluster
version), plus the replica rules the schema already enforces, again here because `--skip-schema-validation`
exists and two pods on one SQLite file corrupt data. Included by the Deployment, so every render checks.
*/}}
{{- define "admin-site.validate" -}}
{{- $sqlite := eq .Values.database.provider "sqlite" }}
{{- if and $sqlite (gt (int .Values.replicaCount) 1) }}
{{- fail (printf "replicaCount=%d requires database.provider=postgresql: SQLite allows one writer and its ReadWriteOnce volume attaches to one node" (int .Values.replicaCount)) }}
{{- end }}
{{- if and $sqlite .Values.autoscaling.enabled }}
{{- fail "autoscaling.enabled requires database.provider=postgresql: SQLite allows one writer and its ReadWriteOnce volume attaches to one node" }}
{{- end }}
{{- if eq .Values.database.provider "postgresql" }}
{{- $_ := required "database.postgresql.existingSecret is required with database.provider=postgresql: the name of a Secret holding the connection string" .Values.database.postgresql.existingSecret }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail (printf "autoscaling.minReplicas (%d) must not exceed autoscaling.maxReplicas (%d)" (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- end }}
{{- if and .Values.autoscaling.enabled (not (dig "requests" "cpu" "" .Values.resources)) }}
{{- fail "autoscaling.enabled needs resources.requests.cpu: autoscaling.targetCPUUtilizationPercentage is a percentage of it" }}
{{- end }}
{{- with .Values.gracefulShutdown }}
{{- $preStop := ternary 0 (int .preStopSeconds) (eq .preStop "none") }}
{{- if le (int .terminationGracePeriodSeconds) (add $preStop (int .appShutdownTimeoutSeconds) | int) }}
{{- fail (printf "gracefulShutdown.terminationGracePeriodSeconds (%d) must exceed preStopSeconds + appShutdownTimeoutSeconds (%d): the kubelet kills the pod when it runs out, cutting off in-flight requests" (int .terminationGracePeriodSeconds) (add $preStop (int .appShutdownTimeoutSeconds) | int)) }}
{{- end }}
{{- end }}
{{- if and (eq .Values.gracefulShutdown.preStop "sleep") (semverCompare "<1.30-0" .Capabilities.KubeVersion.Version) }}
{{- fail (printf "gracefulShutdown.preStop=sleep needs Kubernetes 1.30+ (this is %s): use gracefulShutdown.preStop=exec with an image that has a sleep binary, or none" .Capabilities.KubeVersion.Version) }}
{{- end }}
{{- if and (not .Values.metrics.enabled) (or .Values.metrics.serviceMonitor.enabled .Values.metrics.prometheusRule.enabled) }}
{{- fail "metrics.serviceMonitor.enabled and metrics.prometheusRule.enabled need metrics.enabled: with metrics off there is nothing to scrape" }}
{{- end }}
{{- if and .Values.metrics.prometheusRule.enabled (not .Values.metrics.serviceMonitor.enabled) }}
{{- fail "metrics.prometheusRule.enabled needs metrics.serviceMonitor.enabled: its alerts select the job the ServiceMonitor's targets get" }}
{{- end }}
{{- include "admin-site.validateExposure" . }}
{{- $reserved := list }}
{{- range (include "admin-site.siteEnv" . | fromYamlArray) }}
{{- $reserved = append $reserved .name }}
{{- end }}
{{- range .Values.extraEnv }}
{{- if has .name $reserved }}
{{- fail (printf "extraEnv: %s is set by the chart; change it through the chart's own values instead" .name) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
admin-site.volumeMounts: the only writable paths under a read-only root filesystem, identical in the
migration and site containers because both open the database.
*/}}
{{- define "admin-site.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if eq .Values.database.provider "sqlite" }}
- name: data
  mountPath: /data
{{- end }}
{{- end }}

{{/*
admin-site.probe: a probe rendered from its values as they are, so every Kubernetes Probe field set there
(exec, grpc, tcpSocket, terminationGracePeriodSeconds, ...) reaches the pod. `enabled` and `path` are the
chart's own: without another handler, `path` becomes an httpGet on the http port (httpGet fields set in
values win, e.g. httpHeaders or scheme).
*/}}
{{- define "admin-site.probe" -}}
{{- $probe := omit . "enabled" "path" }}
{{- if not (or .exec .tcpSocket .grpc) }}
{{- $_ := set $probe "httpGet" (merge (dict) (.httpGet | default dict) (dict "path" .path "port" "http")) }}
{{- end }}
{{- toYaml $probe }}
{{- end }}
