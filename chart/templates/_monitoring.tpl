{{/* Helpers of the metrics port, its scraping (annotations, ServiceMonitor, alerts) and the NetworkPolicy. */}}

{{/*
admin-site.podAnnotations: podAnnotations, plus the prometheus.io ones that annotation-based scraping reads
(podAnnotations win, so an operator can point them elsewhere).
*/}}
{{- define "admin-site.podAnnotations" -}}
{{- $annotations := dict }}
{{- if and .Values.metrics.enabled .Values.metrics.scrapeAnnotations }}
{{- $annotations = dict "prometheus.io/scrape" "true" "prometheus.io/port" (toString .Values.metrics.port) "prometheus.io/path" "/metrics" }}
{{- end }}
{{- toYaml (merge (deepCopy .Values.podAnnotations) $annotations) }}
{{- end }}

{{/*
admin-site.metricsServiceName: the Service the ServiceMonitor selects, which the Prometheus Operator also makes
the targets' job label, so the PrometheusRule's alerts select it by that name. Room is kept for the suffix.
*/}}
{{- define "admin-site.metricsServiceName" -}}
{{- include "admin-site.fullname" . | trunc 55 | trimSuffix "-" }}-metrics
{{- end }}

{{/*
admin-site.httpPeers: who may connect to the http port. networkPolicy.http.from when set; else, behind the ALB
(target type ip), the ALB's own networks, exposure.alb.vpcCidrs; else every source (an NLB keeps each client's
address, and a cluster-only site may sit behind any ingress). Empty means every source.
*/}}
{{- define "admin-site.httpPeers" -}}
{{- $peers := .Values.networkPolicy.http.from }}
{{- if and (not $peers) (eq .Values.exposure.type "alb") }}
{{- range .Values.exposure.alb.vpcCidrs }}
{{- $peers = append $peers (dict "ipBlock" (dict "cidr" .)) }}
{{- end }}
{{- end }}
{{- toYaml $peers }}
{{- end }}
