{{/* Names, labels and the RBAC rules shared by every template. */}}

{{- define "cronium-operator.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cronium-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cronium-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cronium-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "cronium-operator.labels" -}}
{{ include "cronium-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "cronium-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "cronium-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "cronium-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "cronium-operator.runtimeImage" -}}
{{- printf "%s:%s" .Values.runtimeImage.repository (default .Chart.AppVersion .Values.runtimeImage.tag) -}}
{{- end -}}

{{/*
Exactly the API calls the operator makes in a watched namespace; a recorded session of the
operator (RbacSessionTest, make chart-check) fails when code and rules drift apart.
*/}}
{{- define "cronium-operator.rules" -}}
- apiGroups: [cronium.io]
  resources: [events]
  verbs: [list, watch]
- apiGroups: [cronium.io]
  resources: [jobruns]
  verbs: [get, list, watch, create, patch, delete]
- apiGroups: [cronium.io]
  resources: [events/status, jobruns/status]
  verbs: [update]
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch, create, patch, delete]
- apiGroups: [""]
  resources: [pods/log]
  verbs: [get]
# The variables ConfigMap by name; create cannot be limited to a name (the object does not exist yet).
- apiGroups: [""]
  resources: [configmaps]
  resourceNames: [cronium-variables]
  verbs: [get, update]
- apiGroups: [""]
  resources: [configmaps]
  verbs: [create]
- apiGroups: [events.k8s.io]
  resources: [events]
  verbs: [create]
# Tool Secrets, read by name when an Event names one: no list or watch of the namespace's Secrets.
- apiGroups: [""]
  resources: [secrets]
  verbs: [get]
{{- end -}}

{{/*
The API server's addresses as a JSON list of CIDRs: jobNetworkPolicy.apiServerCIDRs, else the
kubernetes Service and its endpoints as found in the cluster (none under helm template, which
cannot look anything up).
*/}}
{{- define "cronium-operator.apiServerCIDRs" -}}
{{- $cidrs := .Values.jobNetworkPolicy.apiServerCIDRs }}
{{- if not $cidrs }}
{{- $addresses := list }}
{{- with lookup "v1" "Service" "default" "kubernetes" }}
{{- $addresses = concat $addresses (.spec.clusterIPs | default (list .spec.clusterIP)) }}
{{- end }}
{{- with lookup "discovery.k8s.io/v1" "EndpointSlice" "default" "kubernetes" }}
{{- range .endpoints }}{{ $addresses = concat $addresses .addresses }}{{ end }}
{{- end }}
{{- range $address := $addresses }}
{{- $cidrs = append $cidrs (printf "%s/%s" $address (ternary "128" "32" (contains ":" $address))) }}
{{- end }}
{{- end }}
{{- toJson (uniq $cidrs) -}}
{{- end -}}
