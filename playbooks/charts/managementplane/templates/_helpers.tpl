{{- define "managementplane.labels" -}}
app.kubernetes.io/name: managementplane
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
platform.tsb.tetrate.io/application: tsb-operator-managementplane
{{- end -}}
