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

{{- define "script-agent.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
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
