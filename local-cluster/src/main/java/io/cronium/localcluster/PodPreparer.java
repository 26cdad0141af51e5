package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's preparation before a Pod's containers start: resolves env values from Secrets,
 * ConfigMaps and the Pod's own fields, materialises volumes as host directories, and creates the
 * termination message files. Everything lives under the Pod's directory.
 */
final class PodPreparer {

  static final String DEFAULT_TERMINATION_PATH = "/dev/termination-log";

  private final KubernetesClient client;
  private final PodFiles files;

  PodPreparer(KubernetesClient client, PodFiles files) {
    this.client = client;
    this.files = files;
  }

  /** What the node made on the host for one Pod, in the form {@link PlayManifest} needs. */
  record PreparedPod(String podmanName, Map<String, List<EnvVar>> envByContainer,
      Map<String, HostPathVolumeSource> hostVolumes, Map<String, Path> terminationFiles) {
  }

  /** Thrown when the Pod refers to something that does not exist: the kubelet's CreateContainerConfigError. */
  static final class PodConfigException extends Exception {
    PodConfigException(String message) {
      super(message);
    }
  }

  PreparedPod prepare(Pod pod, String podmanName) throws PodConfigException {
    Path directory = files.podDirectory(pod);
    Map<String, List<EnvVar>> env = new LinkedHashMap<>();
    Map<String, Path> terminationFiles = new LinkedHashMap<>();
    for (Container container : pod.getSpec().getContainers()) {
      env.put(container.getName(), environment(pod, container));
      Path file = files.terminationFile(pod, container.getName());
      // The container may run as any uid; the kubelet makes this file writable for it.
      createFile(file, "rw-rw-rw-");
      terminationFiles.put(container.getName(), file);
    }
    Map<String, HostPathVolumeSource> volumes = new LinkedHashMap<>();
    for (Volume volume : pod.getSpec().getVolumes()) {
      volumes.put(volume.getName(), volume(pod, volume, directory.resolve("volumes").resolve(volume.getName())));
    }
    return new PreparedPod(podmanName, env, volumes, terminationFiles);
  }

  private List<EnvVar> environment(Pod pod, Container container) throws PodConfigException {
    String namespace = pod.getMetadata().getNamespace();
    // Later entries win, as in the kubelet: envFrom first, then env.
    Map<String, String> values = new LinkedHashMap<>();
    for (EnvFromSource from : container.getEnvFrom()) {
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      if (from.getConfigMapRef() != null) {
        ConfigMap map = configMap(namespace, from.getConfigMapRef().getName(), from.getConfigMapRef().getOptional());
        if (map != null && map.getData() != null) {
          map.getData().forEach((k, v) -> values.put(prefix + k, v));
        }
      }
      if (from.getSecretRef() != null) {
        Secret secret = secret(namespace, from.getSecretRef().getName(), from.getSecretRef().getOptional());
        if (secret != null) {
          secretData(secret).forEach((k, v) -> values.put(prefix + k, new String(v, StandardCharsets.UTF_8)));
        }
      }
    }
    for (EnvVar var : container.getEnv()) {
      String value = var.getValueFrom() == null ? var.getValue() : valueFrom(pod, var.getName(), var.getValueFrom());
      if (value != null) {
        values.put(var.getName(), value);
      }
    }
    return values.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList();
  }

  /** A referenced value, or null when its optional source is missing. */
  private String valueFrom(Pod pod, String name, EnvVarSource source) throws PodConfigException {
    String namespace = pod.getMetadata().getNamespace();
    if (source.getSecretKeyRef() != null) {
      var ref = source.getSecretKeyRef();
      Secret secret = secret(namespace, ref.getName(), ref.getOptional());
      byte[] value = secret == null ? null : secretData(secret).get(ref.getKey());
      return required(value == null ? null : new String(value, StandardCharsets.UTF_8), ref.getOptional(),
          "couldn't find key " + ref.getKey() + " in Secret " + namespace + "/" + ref.getName());
    }
    if (source.getConfigMapKeyRef() != null) {
      var ref = source.getConfigMapKeyRef();
      ConfigMap map = configMap(namespace, ref.getName(), ref.getOptional());
      String value = map == null || map.getData() == null ? null : map.getData().get(ref.getKey());
      return required(value, ref.getOptional(),
          "couldn't find key " + ref.getKey() + " in ConfigMap " + namespace + "/" + ref.getName());
    }
    if (source.getFieldRef() != null) {
      return fieldValue(pod, source.getFieldRef().getFieldPath());
    }
    throw new PodConfigException("env " + name
        + ": this node supports secretKeyRef, configMapKeyRef and fieldRef only");
  }

  private static String fieldValue(Pod pod, String fieldPath) throws PodConfigException {
    var meta = pod.getMetadata();
    if (fieldPath.startsWith("metadata.labels['") || fieldPath.startsWith("metadata.annotations['")) {
      String key = fieldPath.substring(fieldPath.indexOf("['") + 2, fieldPath.length() - 2);
      Map<String, String> map = fieldPath.startsWith("metadata.labels") ? meta.getLabels() : meta.getAnnotations();
      return map == null ? "" : map.getOrDefault(key, "");
    }
    return switch (fieldPath) {
      case "metadata.name" -> meta.getName();
      case "metadata.namespace" -> meta.getNamespace();
      case "metadata.uid" -> meta.getUid();
      case "spec.nodeName" -> PodmanNode.NODE_NAME;
      case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
      case "status.hostIP", "status.podIP" -> PodStatuses.HOST_IP;
      default -> throw new PodConfigException("unsupported fieldRef " + fieldPath);
    };
  }

  private HostPathVolumeSource volume(Pod pod, Volume volume, Path directory) throws PodConfigException {
    if (volume.getHostPath() != null) {
      return volume.getHostPath();
    }
    return new HostPathVolumeSource(materialise(pod, volume, directory).toAbsolutePath().toString(), "Directory");
  }

  private Path materialise(Pod pod, Volume volume, Path directory) throws PodConfigException {
    String namespace = pod.getMetadata().getNamespace();
    if (volume.getEmptyDir() != null) {
      // Writable by whatever uid the container runs as, like the kubelet's emptyDir.
      createDirectory(directory, "rwxrwxrwx");
      return directory;
    }
    if (volume.getConfigMap() != null) {
      var source = volume.getConfigMap();
      ConfigMap map = configMap(namespace, source.getName(), source.getOptional());
      Map<String, byte[]> data = new HashMap<>();
      if (map != null) {
        if (map.getData() != null) {
          map.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        if (map.getBinaryData() != null) {
          map.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
      }
      return writeFiles(directory, data, source.getItems(), source.getOptional(), "ConfigMap " + source.getName());
    }
    if (volume.getSecret() != null) {
      var source = volume.getSecret();
      Secret secret = secret(namespace, source.getSecretName(), source.getOptional());
      Map<String, byte[]> data = secret == null ? Map.of() : secretData(secret);
      return writeFiles(directory, data, source.getItems(), source.getOptional(), "Secret " + source.getSecretName());
    }
    throw new PodConfigException("volume " + volume.getName()
        + ": this node supports emptyDir, configMap, secret and hostPath volumes only");
  }

  /** Writes each key (or each listed item) as a file readable by any uid. */
  private static Path writeFiles(Path directory, Map<String, byte[]> data, List<KeyToPath> items, Boolean optional,
      String what) throws PodConfigException {
    createDirectory(directory, "rwxr-xr-x");
    Map<String, String> paths = new LinkedHashMap<>();
    if (items == null || items.isEmpty()) {
      data.keySet().forEach(key -> paths.put(key, key));
    } else {
      for (KeyToPath item : items) {
        if (!data.containsKey(item.getKey()) && !Boolean.TRUE.equals(optional)) {
          throw new PodConfigException("couldn't find key " + item.getKey() + " in " + what);
        }
        paths.put(item.getKey(), item.getPath());
      }
    }
    for (Map.Entry<String, String> entry : paths.entrySet()) {
      byte[] content = data.get(entry.getKey());
      if (content != null) {
        Path file = directory.resolve(entry.getValue());
        createFile(file, "rw-r--r--");
        try {
          Files.write(file, content);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return directory;
  }

  private ConfigMap configMap(String namespace, String name, Boolean optional) throws PodConfigException {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
    return required(map, optional, "configmap \"" + name + "\" not found");
  }

  private Secret secret(String namespace, String name, Boolean optional) throws PodConfigException {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    return required(secret, optional, "secret \"" + name + "\" not found");
  }

  private static Map<String, byte[]> secretData(Secret secret) {
    Map<String, byte[]> data = new HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    return data;
  }

  private static <T> T required(T value, Boolean optional, String message) throws PodConfigException {
    if (value == null && !Boolean.TRUE.equals(optional)) {
      throw new PodConfigException(message);
    }
    return value;
  }

  private static void createDirectory(Path directory, String permissions) {
    try {
      Files.createDirectories(directory);
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void createFile(Path file, String permissions) {
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
