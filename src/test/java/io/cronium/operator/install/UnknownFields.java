package io.cronium.operator.install;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.beans.Introspector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Strict deserialization on top of the fabric8 model: its classes keep fields they do not know
 * in {@code additionalProperties}, where the API server (field validation Strict, kubectl's
 * default) rejects them. This walks a typed object and reports every such field by path.
 */
final class UnknownFields {

  private UnknownFields() {}

  static List<String> in(KubernetesResource object) {
    List<String> problems = new ArrayList<>();
    if (object instanceof GenericKubernetesResource generic) {
      problems.add("no fabric8 model for " + generic.getApiVersion() + " " + generic.getKind());
      return problems;
    }
    walk(object, "", problems);
    return problems;
  }

  private static void walk(Object node, String path, List<String> problems) {
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", problems);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> walk(value, path + "." + key, problems));
      return;
    }
    if (!(node instanceof KubernetesResource)) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value = invoke(getter, node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add((path.isEmpty() ? "." : path) + ": unknown field(s) " + extra.keySet());
        }
      } else {
        walk(value, path + "." + Introspector.decapitalize(getter.getName().substring(3)), problems);
      }
    }
  }

  private static Object invoke(Method getter, Object node) {
    try {
      return getter.invoke(node);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }
}
