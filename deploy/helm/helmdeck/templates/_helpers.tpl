{{/* Object names: <release>-helmdeck, or the release name when it already says helmdeck. */}}
{{- define "helmdeck.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "helmdeck.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's objects: (dict "root" $ "component" "repo-service"). */}}
{{- define "helmdeck.componentName" -}}
{{- printf "%s-%s" (include "helmdeck.fullname" .root) .component -}}
{{- end -}}

{{- define "helmdeck.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "helmdeck.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: helmdeck
{{- end -}}

{{/* Selector of one component: (dict "root" $ "component" "repo-service"). Never change: selectors are immutable. */}}
{{- define "helmdeck.selectorLabels" -}}
app.kubernetes.io/name: {{ include "helmdeck.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "helmdeck.componentLabels" -}}
{{ include "helmdeck.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* registry/repository:tag[@digest]; the tag defaults to appVersion, so no mutable tag is ever the default. */}}
{{- define "helmdeck.image" -}}
{{- $img := .c.image -}}
{{- $tag := default .root.Chart.AppVersion $img.tag -}}
{{- $ref := printf "%s:%s" $img.repository $tag -}}
{{- if .root.Values.image.registry -}}
{{- $ref = printf "%s/%s" .root.Values.image.registry $ref -}}
{{- end -}}
{{- if $img.digest -}}
{{- $ref = printf "%s@%s" $ref $img.digest -}}
{{- end -}}
{{- $ref -}}
{{- end -}}

{{/* In-cluster URLs of the services. */}}
{{- define "helmdeck.repoServiceUrl" -}}
http://{{ include "helmdeck.componentName" (dict "root" . "component" "repo-service") }}:8081
{{- end -}}
{{- define "helmdeck.releaseServiceUrl" -}}
http://{{ include "helmdeck.componentName" (dict "root" . "component" "release-service") }}:8082
{{- end -}}
{{- define "helmdeck.syncWorkerUrl" -}}
http://{{ include "helmdeck.componentName" (dict "root" . "component" "sync-worker") }}:8083
{{- end -}}

{{/*
The Secrets a working install needs. Every component template starts with this check, so the first failure names
every missing value at once; the helpers below repeat each check where the name is used.
*/}}
{{- define "helmdeck.validate" -}}
{{- $missing := list -}}
{{- if not .Values.database.existingSecret -}}
{{- $missing = append $missing "database.existingSecret is required: a Secret with the PostgreSQL username, password and URLs" -}}
{{- end -}}
{{- if not .Values.crypto.existingSecret -}}
{{- $missing = append $missing "crypto.existingSecret is required: a Secret with the AES-256 key that encrypts registry credentials" -}}
{{- end -}}
{{- if not .Values.serviceTokens.existingSecret -}}
{{- $missing = append $missing "serviceTokens.existingSecret is required: a Secret with one token per service" -}}
{{- end -}}
{{- if not (or .Values.jwt.jwksUrl .Values.jwt.publicKey.existingSecret) -}}
{{- $missing = append $missing "jwt.publicKey.existingSecret (or jwt.jwksUrl) is required: the public key user tokens are verified with" -}}
{{- end -}}
{{- if $missing -}}
{{- fail (printf "\n%s\nCreate the Secrets first and name them in your values (see the chart README, \"Before you install\")." (join "\n" $missing)) -}}
{{- end -}}
{{- end -}}


{{- define "helmdeck.databaseSecret" -}}
{{- required "database.existingSecret is required: the name of a Secret with the PostgreSQL username, password and URLs (see the chart README, \"Before you install\")" .Values.database.existingSecret -}}
{{- end -}}
{{- define "helmdeck.cryptoSecret" -}}
{{- required "crypto.existingSecret is required: the name of a Secret with the AES-256 key that encrypts registry credentials (see the chart README)" .Values.crypto.existingSecret -}}
{{- end -}}
{{- define "helmdeck.serviceTokensSecret" -}}
{{- required "serviceTokens.existingSecret is required: the name of a Secret with one token per service (see the chart README)" .Values.serviceTokens.existingSecret -}}
{{- end -}}
{{- define "helmdeck.jwtKeySecret" -}}
{{- if not .Values.jwt.jwksUrl -}}
{{- required "jwt.publicKey.existingSecret (or jwt.jwksUrl) is required: the public key user tokens are verified with (see the chart README)" .Values.jwt.publicKey.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "helmdeck.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{/* User JWT settings of the two API services. */}}
{{- define "helmdeck.jwtEnv" -}}
- name: MP_JWT_VERIFY_ISSUER
  value: {{ .Values.jwt.issuer | quote }}
- name: MP_JWT_VERIFY_AUDIENCES
  value: {{ .Values.jwt.audiences | quote }}
- name: MP_JWT_VERIFY_PUBLICKEY_LOCATION
{{- if .Values.jwt.jwksUrl }}
  value: {{ .Values.jwt.jwksUrl | quote }}
{{- else }}
  value: /etc/helmdeck/jwt/{{ .Values.jwt.publicKey.key }}
{{- end }}
{{- end -}}

{{- define "helmdeck.jwtVolumeMount" -}}
{{- if not .Values.jwt.jwksUrl }}
- name: jwt
  mountPath: /etc/helmdeck/jwt
  readOnly: true
{{- end }}
{{- end -}}

{{- define "helmdeck.jwtVolume" -}}
{{- if not .Values.jwt.jwksUrl }}
- name: jwt
  secret:
    secretName: {{ include "helmdeck.jwtKeySecret" . }}
    items:
      - key: {{ .Values.jwt.publicKey.key }}
        path: {{ .Values.jwt.publicKey.key }}
{{- end }}
{{- end -}}

{{- define "helmdeck.databaseEnv" -}}
{{- $secret := include "helmdeck.databaseSecret" .root -}}
{{- $k := .root.Values.database.keys -}}
{{ include "helmdeck.secretEnv" (dict "name" "QUARKUS_DATASOURCE_REACTIVE_URL" "secret" $secret "key" (index $k (printf "%sReactiveUrl" .db))) }}
{{ include "helmdeck.secretEnv" (dict "name" "QUARKUS_DATASOURCE_JDBC_URL" "secret" $secret "key" (index $k (printf "%sJdbcUrl" .db))) }}
{{ include "helmdeck.secretEnv" (dict "name" "QUARKUS_DATASOURCE_USERNAME" "secret" $secret "key" $k.username) }}
{{ include "helmdeck.secretEnv" (dict "name" "QUARKUS_DATASOURCE_PASSWORD" "secret" $secret "key" $k.password) }}
- name: QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE
  value: {{ .root.Values.database.maxPoolSize | quote }}
{{- end -}}

{{/*
One Deployment. Context: root, component (name), c (its values), port, env (YAML list as a string),
volumeMounts / volumes (YAML lists as strings), sa (ServiceAccount name), automount (bool), javaOpts (flags the
component needs whatever the tuning, before the operator's c.javaOpts).
Probes, the restricted security context and the writable /tmp are the same for every component.
*/}}
{{- define "helmdeck.deployment" -}}
{{- $root := .root -}}
{{- $sel := dict "root" $root "component" .component -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "helmdeck.componentName" $sel }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "helmdeck.componentLabels" $sel | nindent 4 }}
spec:
  {{- if not (and .c.autoscaling .c.autoscaling.enabled) }}
  replicas: {{ .c.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "helmdeck.selectorLabels" $sel | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "helmdeck.componentLabels" $sel | nindent 8 }}
        {{- with .c.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        {{- /* Restart when a referenced setting changes; Secret values are not known to the chart. */}}
        checksum/values: {{ toJson .c | sha256sum | trunc 16 }}
        {{- with .c.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ .sa }}
      automountServiceAccountToken: {{ .automount }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      {{- if .c.topologySpread.enabled }}
      topologySpreadConstraints:
        - maxSkew: {{ .c.topologySpread.maxSkew }}
          topologyKey: {{ .c.topologySpread.topologyKey }}
          whenUnsatisfiable: {{ .c.topologySpread.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "helmdeck.selectorLabels" $sel | nindent 14 }}
      {{- end }}
      {{- with .c.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .c.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .c.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "helmdeck.image" (dict "root" $root "c" .c) | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .port }}
              protocol: TCP
          env:
            - name: QUARKUS_HTTP_PORT
              value: {{ .port | quote }}
            - name: GC_CONTAINER_OPTIONS
              value: {{ $root.Values.jvm.gcOptions | quote }}
            - name: JAVA_OPTS_APPEND
              value: {{ compact (list $root.Values.jvm.baseOpts .javaOpts .c.javaOpts) | join " " | quote }}
            {{- .env | nindent 12 }}
            {{- with .c.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet: {path: /q/health/started, port: http}
            periodSeconds: 2
            failureThreshold: 60
          readinessProbe:
            httpGet: {path: /q/health/ready, port: http}
            periodSeconds: 5
            failureThreshold: 3
          livenessProbe:
            httpGet: {path: /q/health/live, port: http}
            periodSeconds: 10
            failureThreshold: 3
          resources:
            {{- toYaml .c.resources | nindent 12 }}
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
            seccompProfile:
              type: RuntimeDefault
          volumeMounts:
            # The root filesystem is read-only: JVM perf data, Vert.x file cache and uploads go to /tmp.
            - name: tmp
              mountPath: /tmp
            {{- with .volumeMounts }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ .c.tmpSizeLimit }}
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
{{- end -}}

{{/* Service of one component: (dict "root" $ "component" "repo-service" "port" 8081). */}}
{{- define "helmdeck.service" -}}
{{- $sel := dict "root" .root "component" .component -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "helmdeck.componentName" $sel }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "helmdeck.componentLabels" $sel | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "helmdeck.selectorLabels" $sel | nindent 4 }}
  ports:
    - name: http
      port: {{ .port }}
      targetPort: http
      protocol: TCP
{{- end -}}

{{/* ServiceAccount without RBAC or a mounted token (repo-service, sync-worker, portal). */}}
{{- define "helmdeck.serviceAccount" -}}
{{- $sel := dict "root" .root "component" .component -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "helmdeck.componentName" $sel }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "helmdeck.componentLabels" $sel | nindent 4 }}
automountServiceAccountToken: {{ .automount | default false }}
{{- end -}}

{{/* Only with more than one replica: minAvailable 1 of 1 would block every node drain. */}}
{{- define "helmdeck.pdb" -}}
{{- $sel := dict "root" .root "component" .component -}}
{{- $scaled := and .c.autoscaling .c.autoscaling.enabled -}}
{{- if and .c.pdb.enabled (or $scaled (gt (int .c.replicaCount) 1)) }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "helmdeck.componentName" $sel }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "helmdeck.componentLabels" $sel | nindent 4 }}
spec:
  minAvailable: {{ .c.pdb.minAvailable }}
  selector:
    matchLabels:
      {{- include "helmdeck.selectorLabels" $sel | nindent 6 }}
{{- end }}
{{- end -}}
