{{/* The release's base name, at most 63 characters (a DNS label). */}}
{{- define "mailcensus.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object; call with (dict "root" $ "role" "worker"). */}}
{{- define "mailcensus.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "mailcensus.selectorLabels" . }}
{{- end -}}

{{/* The labels a role's pods are selected by. */}}
{{- define "mailcensus.selectorLabels" -}}
app.kubernetes.io/name: mailcensus
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "mailcensus.image" -}}
{{ printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end -}}

{{/* Flags every role takes: the broker, /metrics, the Kafka client settings file. */}}
{{- define "mailcensus.commonArgs" -}}
- --kafka
- {{ .Values.kafka.bootstrap | quote }}
- --metrics
- {{ printf "0.0.0.0:%v" .Values.metrics.port | quote }}
{{- if .Values.kafka.configSecret }}
- --kafka-config
- /etc/mailcensus/kafka/client.properties
{{- end }}
{{- end -}}

{{/* Volume mounts every role has: a writable /tmp (the root file system is read-only). */}}
{{- define "mailcensus.commonMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.kafka.configSecret }}
- name: kafka-config
  mountPath: /etc/mailcensus/kafka
  readOnly: true
{{- end }}
{{- end -}}

{{- define "mailcensus.commonVolumes" -}}
- name: tmp
  emptyDir: {}
{{- if .Values.kafka.configSecret }}
- name: kafka-config
  secret:
    secretName: {{ .Values.kafka.configSecret }}
{{- end }}
{{- end -}}

{{/* The metrics port of a role's container. */}}
{{- define "mailcensus.metricsPort" -}}
- name: metrics
  containerPort: {{ .Values.metrics.port }}
  protocol: TCP
{{- end -}}

{{/* Pod placement shared by every role. */}}
{{- define "mailcensus.placement" -}}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
