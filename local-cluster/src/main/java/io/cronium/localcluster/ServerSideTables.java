package io.cronium.localcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Server-side printing for {@code kubectl get}: kubectl asks for a {@code meta.k8s.io/v1 Table} and
 * prints its cells. Custom resources get their CRD's additionalPrinterColumns, Pods the kubectl pod
 * columns (READY, STATUS, RESTARTS), everything else NAME and AGE.
 */
final class ServerSideTables {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ServerSideTables() {
  }

  static boolean requested(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /** One column: how to compute its cell from an object. */
  private record Column(String name, String type, int priority, Function<JsonNode, JsonNode> cell) {
  }

  /**
   * The Table for a stored object or list.
   *
   * @param crd the CRD of the resource, if it is a custom resource
   * @param version the API version asked for (selects the CRD's printer columns)
   */
  static ObjectNode table(JsonNode objectOrList, String plural, Optional<CustomResourceDefinition> crd,
      String version, Instant now) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("Name", "string", 0, o -> o.path("metadata").path("name")));
    if (crd.isPresent() && !printerColumns(crd.get(), version).isEmpty()) {
      printerColumns(crd.get(), version).forEach(c -> columns.add(new Column(c.getName(), c.getType(),
          c.getPriority() == null ? 0 : c.getPriority(),
          o -> cell(JsonPaths.get(o, c.getJsonPath()), c.getType(), now))));
    } else if (crd.isEmpty() && plural.equals("pods")) {
      columns.add(new Column("Ready", "string", 0, PodColumns::ready));
      columns.add(new Column("Status", "string", 0, PodColumns::status));
      columns.add(new Column("Restarts", "string", 0, PodColumns::restarts));
      columns.add(age(now));
      columns.add(new Column("IP", "string", 1, o -> o.path("status").path("podIP")));
    } else {
      columns.add(age(now));
    }

    ObjectNode table = JSON.objectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").set("resourceVersion", objectOrList.path("metadata").path("resourceVersion"));
    ArrayNode definitions = table.putArray("columnDefinitions");
    columns.forEach(c -> definitions.addObject().put("name", c.name()).put("type", c.type()).put("format", "")
        .put("description", c.name()).put("priority", c.priority()));
    ArrayNode rows = table.putArray("rows");
    List<JsonNode> items = new ArrayList<>();
    (objectOrList.has("items") ? objectOrList.get("items") : JSON.arrayNode().add(objectOrList)).forEach(items::add);
    // The API server lists in key order (namespace, name); the mock in order of last write.
    items.sort(Comparator.comparing((JsonNode item) -> item.path("metadata").path("namespace").asText())
        .thenComparing(item -> item.path("metadata").path("name").asText()));
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      columns.forEach(c -> cells.add(c.cell().apply(item)));
      row.putObject("object").put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1")
          .set("metadata", item.path("metadata"));
    }
    return table;
  }

  private static List<CustomResourceColumnDefinition> printerColumns(CustomResourceDefinition crd, String version) {
    return crd.getSpec().getVersions().stream().filter(v -> v.getName().equals(version)).findFirst()
        .map(v -> v.getAdditionalPrinterColumns() == null ? List.<CustomResourceColumnDefinition>of()
            : v.getAdditionalPrinterColumns())
        .orElse(List.of());
  }

  private static Column age(Instant now) {
    return new Column("Age", "string", 0, o -> cell(o.path("metadata").path("creationTimestamp"), "date", now));
  }

  /** A cell as the API server renders it: dates as ages, missing values as null (kubectl shows {@code <none>}). */
  private static JsonNode cell(JsonNode value, String type, Instant now) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return JSON.nullNode();
    }
    if ("date".equals(type)) {
      try {
        return JSON.textNode(humanDuration(Duration.between(Instant.parse(value.asText()), now)));
      } catch (RuntimeException e) {
        return JSON.textNode(value.asText());
      }
    }
    return value.isContainerNode() ? JSON.textNode(value.toString()) : value;
  }

  /** Kubernetes' duration.HumanDuration: "42s", "3m10s", "5h", "2d3h", "400d". */
  static String humanDuration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      return hours % 24 == 0 ? hours / 24 + "d" : hours / 24 + "d" + hours % 24 + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long days = (hours / 24) % 365;
      return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** The columns kubectl shows for Pods, computed as kubectl's pod printer does. */
  private static final class PodColumns {

    static JsonNode ready(JsonNode pod) {
      int containers = pod.path("spec").path("containers").size();
      int ready = 0;
      for (JsonNode status : pod.path("status").path("containerStatuses")) {
        ready += status.path("ready").asBoolean() ? 1 : 0;
      }
      return JSON.textNode(ready + "/" + containers);
    }

    static JsonNode status(JsonNode pod) {
      String reason = pod.path("status").path("reason").asText(pod.path("status").path("phase").asText("Pending"));
      for (JsonNode status : pod.path("status").path("containerStatuses")) {
        JsonNode state = status.path("state");
        if (!state.path("waiting").path("reason").asText("").isEmpty()) {
          reason = state.path("waiting").path("reason").asText();
        } else if (state.has("terminated")) {
          JsonNode terminated = state.get("terminated");
          reason = terminated.path("reason").asText("ExitCode:" + terminated.path("exitCode").asInt());
        }
      }
      if (pod.path("metadata").has("deletionTimestamp")) {
        reason = "Terminating";
      }
      return JSON.textNode(reason);
    }

    static JsonNode restarts(JsonNode pod) {
      int restarts = 0;
      for (JsonNode status : pod.path("status").path("containerStatuses")) {
        restarts += status.path("restartCount").asInt();
      }
      return JSON.textNode(String.valueOf(restarts));
    }
  }

  /** The simple JSONPath of printer columns: {@code .a.b}, {@code .a[0].b}. */
  static final class JsonPaths {

    private JsonPaths() {
    }

    static JsonNode get(JsonNode root, String path) {
      JsonNode node = root;
      String trimmed = path.startsWith("{") && path.endsWith("}") ? path.substring(1, path.length() - 1) : path;
      for (String segment : trimmed.replaceFirst("^\\.", "").split("\\.")) {
        int bracket = segment.indexOf('[');
        String field = bracket < 0 ? segment : segment.substring(0, bracket);
        if (!field.isEmpty()) {
          node = node.path(field);
        }
        if (bracket >= 0) {
          node = node.path(Integer.parseInt(segment.substring(bracket + 1, segment.indexOf(']'))));
        }
      }
      return node;
    }
  }
}
