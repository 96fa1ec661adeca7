{{/* Chart name, truncated to the 63 characters a DNS label allows. */}}
{{- define "script-agent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: release-chart, unless the release name already contains the chart name. */}}
{{- define "script-agent.fullname" -}}
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

{{/* A component's resource name: <fullname>-<component>, kept within 63 characters. */}}
{{- define "script-agent.componentName" -}}
{{- printf "%s-%s" (include "script-agent.fullname" .root | trunc (int (sub 62 (len .component))) | trimSuffix "-") .component }}
{{- end }}

{{- define "script-agent.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Common labels. */}}
{{- define "script-agent.labels" -}}
helm.sh/chart: {{ include "script-agent.chart" . }}
{{ include "script-agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: script-agent
{{- end }}

{{/* Selector labels: immutable once a Deployment exists, so never add to them. */}}
{{- define "script-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "script-agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels / selector labels of one component: pass (dict "root" $ "component" "gateway"). */}}
{{- define "script-agent.componentLabels" -}}
{{ include "script-agent.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "script-agent.componentSelectorLabels" -}}
{{ include "script-agent.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The operator's ServiceAccount (the one bound to the RBAC rules). */}}
{{- define "script-agent.operatorServiceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "script-agent.componentName" (dict "root" . "component" "operator")) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "script-agent.gatewayServiceAccountName" -}}
{{- if .Values.gateway.serviceAccount.create }}
{{- default (include "script-agent.componentName" (dict "root" . "component" "gateway")) .Values.gateway.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.gateway.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository@digest when a digest is given (immutable), else repository:tag. */}}
{{- define "script-agent.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* "true" when the pods get a REDIS_URL from any source the chart knows of. */}}
{{- define "script-agent.hasRedis" -}}
{{- if or .Values.secrets.REDIS_URL .Values.config.REDIS_URL .Values.redis.existingSecret }}true{{ end }}
{{- end }}

{{/* "true" when the gateway has a credential source (or runs in dev mode). An existingSecret is
trusted to hold AUTH_API_KEYS / AUTH_JWT_SECRET / AUTH_JWT_PUBLIC_KEY: the chart cannot read it. */}}
{{- define "script-agent.hasCredentials" -}}
{{- $s := .Values.secrets }}
{{- if or (eq (toString .Values.config.AUTH_MODE) "dev") $s.existingSecret $s.AUTH_API_KEYS $s.AUTH_JWT_SECRET $s.AUTH_JWT_PUBLIC_KEY .Values.config.AUTH_API_KEYS_FILE .Values.config.AUTH_JWT_PUBLIC_KEY }}true{{ end }}
{{- end }}

{{/* Refuse configurations that would start but misbehave; called from the gateway Deployment. */}}
{{- define "script-agent.validate" -}}
{{- $g := .Values.gateway }}
{{- if and $g.enabled (not (include "script-agent.hasCredentials" .)) }}
{{- fail "no credential source for the gateway outside AUTH_MODE=dev: create a Secret with AUTH_API_KEYS (or AUTH_JWT_SECRET) and set secrets.existingSecret, or set secrets.AUTH_API_KEYS / secrets.AUTH_JWT_SECRET, or mount a key file (gateway.extraVolumes + config.AUTH_API_KEYS_FILE); config.AUTH_MODE=dev is for local clusters only" }}
{{- end }}
{{- $scaled := or (gt (int $g.replicaCount) 1) $g.autoscaling.enabled }}
{{- if and $g.enabled $scaled (not (include "script-agent.hasRedis" .)) }}
{{- fail "gateway.replicaCount > 1 (or gateway.autoscaling) needs Redis: without it every pod keeps its own sessions, rate limits and idempotency keys. Set secrets.REDIS_URL, or redis.existingSecret (+ redis.existingSecretKey), or run one replica" }}
{{- end }}
{{- if and $g.pdb.create (not (kindIs "invalid" $g.pdb.minAvailable)) (not (kindIs "invalid" $g.pdb.maxUnavailable)) }}
{{- fail "gateway.pdb: set either minAvailable or maxUnavailable (the other to null), not both" }}
{{- end }}
{{- end }}

{{/* REDIS_URL from redis.existingSecret (overrides the envFrom Secret's key of the same name). */}}
{{- define "script-agent.redisEnv" -}}
{{- if .Values.redis.existingSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret }}
      key: {{ .Values.redis.existingSecretKey }}
{{- end }}
{{- end }}

{{/* affinity: the raw value when set, else the component's podAntiAffinityPreset (soft | hard).
Pass (dict "root" $ "component" "gateway" "preset" .Values.gateway.podAntiAffinityPreset). */}}
{{- define "script-agent.affinity" -}}
{{- if .root.Values.affinity }}
{{- toYaml .root.Values.affinity }}
{{- else if eq .preset "soft" }}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "script-agent.componentSelectorLabels" . | nindent 12 }}
{{- else if eq .preset "hard" }}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - topologyKey: kubernetes.io/hostname
      labelSelector:
        matchLabels:
          {{- include "script-agent.componentSelectorLabels" . | nindent 10 }}
{{- end }}
{{- end }}

{{/* topologySpreadConstraints with the component's selector filled in where labelSelector is omitted.
Pass (dict "root" $ "component" "gateway" "constraints" .Values.gateway.topologySpreadConstraints). */}}
{{- define "script-agent.topologySpread" -}}
{{- $selector := fromYaml (include "script-agent.componentSelectorLabels" .) }}
{{- $out := list }}
{{- range .constraints }}
{{- $c := deepCopy . }}
{{- if not (hasKey $c "labelSelector") }}
{{- $_ := set $c "labelSelector" (dict "matchLabels" $selector) }}
{{- end }}
{{- $out = append $out $c }}
{{- end }}
{{- toYaml $out }}
{{- end }}

{{/* Scheduling and pod-level extras shared by both Deployments (indented by the caller).
Pass (dict "root" $ "component" "gateway" "values" .Values.gateway). */}}
{{- define "script-agent.podScheduling" -}}
{{- with .values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- $affinity := include "script-agent.affinity" (dict "root" .root "component" .component "preset" .values.podAntiAffinityPreset) }}
{{- if $affinity }}
affinity:
  {{- $affinity | trim | nindent 2 }}
{{- end }}
{{- if .values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- include "script-agent.topologySpread" (dict "root" .root "component" .component "constraints" .values.topologySpreadConstraints) | nindent 2 }}
{{- end }}
{{- with .root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Name of the Secret with AUTH_* / REDIS_URL / LLM_*_API_KEY: the user's, or the chart's. */}}
{{- define "script-agent.secretName" -}}
{{- default (include "script-agent.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* Namespaces the operator watches (namespaced mode): watchNamespaces, or the release namespace. */}}
{{- define "script-agent.watchNamespaces" -}}
{{- if .Values.operator.watchNamespaces }}
{{- join "," .Values.operator.watchNamespaces }}
{{- else }}
{{- .Release.Namespace }}
{{- end }}
{{- end }}

{{/* envFrom shared by both components: settings ConfigMap and the Secret. */}}
{{- define "script-agent.envFrom" -}}
- configMapRef:
    name: {{ include "script-agent.fullname" . }}
- secretRef:
    name: {{ include "script-agent.secretName" . }}
{{- end }}

{{/* Pod annotations that roll the pods when settings change. */}}
{{- define "script-agent.checksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if not .Values.secrets.existingSecret }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end }}

{{/* Egress both components need: DNS, Redis, model servers (pass .Values.networkPolicy). */}}
{{- define "script-agent.egressCommon" -}}
- ports:
    - {port: 53, protocol: UDP}
    - {port: 53, protocol: TCP}
- {{- with .redis.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  ports:
    - {port: {{ .redis.port }}, protocol: TCP}
- {{- with .modelServers.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  ports:
    {{- range .modelServers.ports }}
    - {port: {{ . }}, protocol: TCP}
    {{- end }}
{{- end }}
