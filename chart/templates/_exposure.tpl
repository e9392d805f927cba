{{/*
How clients reach the site (values: exposure, service): the Ingress and the Service read these helpers, and so do
the site's forwarded-headers settings, which must name exactly the proxy that the exposure puts in front of the pods.
*/}}

{{/*
admin-site.albIngress: "true" when the ALB Ingress is rendered. Without a certificate its HTTPS listener cannot
exist, and the chart never makes a plain-HTTP ALB, so exposure.type=alb renders nothing until the ARN is set.
*/}}
{{- define "admin-site.albIngress" -}}
{{- if and (eq .Values.exposure.type "alb") .Values.exposure.alb.certificateArn }}true{{ end }}
{{- end }}

{{/*
admin-site.ingressAnnotations: what the AWS Load Balancer Controller needs for TLS by default. target-type ip sends
to the pods' own addresses (a ClusterIP Service suffices, and the pod sees the ALB, whose network vpcCidrs names);
the health check asks the readiness path, because `/` redirects and the ALB counts only 200 as healthy.
*/}}
{{- define "admin-site.ingressAnnotations" -}}
{{- $alb := .Values.exposure.alb }}
alb.ingress.kubernetes.io/scheme: {{ ternary "internet-facing" "internal" .Values.exposure.internetFacing }}
alb.ingress.kubernetes.io/target-type: ip
alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
alb.ingress.kubernetes.io/ssl-redirect: "443"
alb.ingress.kubernetes.io/certificate-arn: {{ $alb.certificateArn | quote }}
alb.ingress.kubernetes.io/ssl-policy: {{ $alb.sslPolicy | quote }}
alb.ingress.kubernetes.io/healthcheck-path: {{ .Values.readinessProbe.path | default "/readyz" | quote }}
{{- with .Values.exposure.sourceRanges }}
alb.ingress.kubernetes.io/inbound-cidrs: {{ join "," . | quote }}
{{- end }}
{{- end }}

{{/*
admin-site.loadBalancerAnnotations: the scheme for both implementations EKS may hand a LoadBalancer Service to: the
AWS Load Balancer Controller reads aws-load-balancer-scheme (internal by default), the cloud provider reads
aws-load-balancer-internal (internet-facing unless set). `nlb` makes the cloud provider build an NLB, which keeps the
client's address (its classic ELB would replace it with its own); a type in service.annotations wins.
*/}}
{{- define "admin-site.loadBalancerAnnotations" -}}
service.beta.kubernetes.io/aws-load-balancer-scheme: {{ ternary "internet-facing" "internal" .Values.exposure.internetFacing }}
{{- if not .Values.exposure.internetFacing }}
service.beta.kubernetes.io/aws-load-balancer-internal: "true"
{{- end }}
{{- if not (hasKey .Values.service.annotations "service.beta.kubernetes.io/aws-load-balancer-type") }}
service.beta.kubernetes.io/aws-load-balancer-type: nlb
{{- end }}
{{- end }}

{{/*
admin-site.forwardedHeadersEnv: the proxies whose X-Forwarded-For and X-Forwarded-Proto the site believes. Only the
ALB adds them: it appends the address it saw to X-Forwarded-For, and ForwardLimit 1 makes the site read that entry
alone, so no client can pick its own address; its X-Forwarded-Proto is what turns on secure cookies and HSTS. A load
balancer Service adds no headers (externalTrafficPolicy Local shows the pods the client itself), so nothing is
trusted there, and none with clusterIP unless extraEnv names your own ingress.
*/}}
{{- define "admin-site.forwardedHeadersEnv" -}}
{{- if include "admin-site.albIngress" . }}
{{- range $index, $network := .Values.exposure.alb.vpcCidrs }}
- name: ForwardedHeaders__KnownNetworks__{{ $index }}
  value: {{ $network | quote }}
{{- end }}
- name: ForwardedHeaders__ForwardLimit
  value: "1"
{{- with .Values.exposure.alb.host }}
- name: AllowedHosts
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
admin-site.validateExposure: settings that would silently do nothing, or undo what the chart set, fail the render.
*/}}
{{- define "admin-site.validateExposure" -}}
{{- $exposure := .Values.exposure }}
{{- if eq $exposure.type "clusterIP" }}
{{- if or $exposure.internetFacing $exposure.sourceRanges }}
{{- fail "exposure.internetFacing and exposure.sourceRanges need exposure.type alb or loadBalancer: a clusterIP Service has no address outside the cluster" }}
{{- end }}
{{- end }}
{{- if and (eq $exposure.type "alb") (not $exposure.alb.certificateArn) (or $exposure.internetFacing $exposure.sourceRanges $exposure.alb.host) }}
{{- fail "exposure.type=alb needs exposure.alb.certificateArn (arn:aws:acm:<region>:<account>:certificate/<id>): without a certificate the chart renders no ALB, so exposure.internetFacing, exposure.sourceRanges and exposure.alb.host would do nothing" }}
{{- end }}
{{- $chartSets := append (keys (include "admin-site.ingressAnnotations" . | fromYaml)) "alb.ingress.kubernetes.io/inbound-cidrs" }}
{{- range $key, $_ := $exposure.alb.annotations }}
{{- if has $key $chartSets }}
{{- fail (printf "exposure.alb.annotations: %s is set by the chart; change it through the exposure values instead" $key) }}
{{- end }}
{{- end }}
{{- $annotations := .Values.service.annotations }}
{{- range $key := list "service.beta.kubernetes.io/aws-load-balancer-scheme" "service.beta.kubernetes.io/aws-load-balancer-internal" "service.beta.kubernetes.io/load-balancer-source-ranges" }}
{{- if hasKey $annotations $key }}
{{- fail (printf "service.annotations: %s is set by the chart; use exposure.internetFacing and exposure.sourceRanges instead" $key) }}
{{- end }}
{{- end }}
{{- if and (eq $exposure.type "loadBalancer") (eq (index $annotations "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type" | default "") "ip") }}
{{- if not (regexMatch "(^|,)\\s*preserve_client_ip\\.enabled=true\\s*(,|$)" (index $annotations "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes" | default "")) }}
{{- fail "service.annotations: an NLB with nlb-target-type ip hides the client's address unless service.beta.kubernetes.io/aws-load-balancer-target-group-attributes holds preserve_client_ip.enabled=true; the site's rate limits would then count everybody as the NLB" }}
{{- end }}
{{- end }}
{{- end }}
