package io.cronium.operator.action.tool;

import io.cronium.tools.ToolSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** {@link ToolSecrets} for a Secret read from the API server. */
public final class KubernetesToolSecrets {

  private KubernetesToolSecrets() {}

  /** The tool, or the first problem that keeps the Secret from being one. */
  public static ToolSecrets.Result read(Secret secret) {
    return ToolSecrets.read(secret.getMetadata().getName(), typeLabel(secret), decode(secret));
  }

  /** The Secret's {@value ToolSecrets#TYPE_LABEL} label, null when it has none. */
  public static String typeLabel(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return labels == null ? null : labels.get(ToolSecrets.TYPE_LABEL);
  }

  /** data (base64) and stringData, as the API server would merge them. */
  private static Map<String, String> decode(Secret secret) {
    Map<String, String> fields = new HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, value) ->
          fields.put(key, new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      fields.putAll(secret.getStringData());
    }
    return fields;
  }
}
