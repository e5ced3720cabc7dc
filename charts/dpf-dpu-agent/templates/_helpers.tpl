{{- define "dpf-dpu-agent.values" -}}
{{- index .Values "sfc-controller" | toYaml -}}
{{- end -}}

{{- define "dpf-dpu-agent.labels" -}}
app.kubernetes.io/name: dpf-dpu-agent
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}
