package io.cronium.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates objects against a committed CRD the way the API server would: the structural
 * OpenAPI schema (types, enums, required, patterns, bounds) and every
 * {@code x-kubernetes-validations} CEL rule, evaluated with cel-java at its place in the tree.
 */
final class CrdValidator {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CelCompiler CEL =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final JsonNode openApiSchema;
  private final Schema structural;

  private CrdValidator(JsonNode openApiSchema) {
    this.openApiSchema = openApiSchema;
    this.structural =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
            .getSchema(withoutKubernetesExtensions(openApiSchema.deepCopy()));
  }

  static CrdValidator forCrd(Path crdFile) throws IOException {
    JsonNode crd = YAML.readTree(Files.readString(crdFile));
    return new CrdValidator(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
  }

  static JsonNode yaml(String text) throws IOException {
    return YAML.readTree(text);
  }

  static List<JsonNode> yamlDocuments(Path file) throws IOException {
    return YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file)).readAll();
  }

  /** Every violation as a message, empty when the API server would accept the object. */
  List<String> validate(JsonNode object) {
    List<String> errors = new ArrayList<>();
    structural.validate(object).forEach(error -> errors.add(error.toString()));
    if (errors.isEmpty()) {
      checkRules(openApiSchema, object, errors);
    }
    return errors;
  }

  private static void checkRules(JsonNode schema, JsonNode value, List<String> errors) {
    if (value == null || value.isNull()) {
      return;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      if (!evaluate(rule.get("rule").asText(), value)) {
        errors.add(rule.get("message").asText());
      }
    }
    if (value.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
      while (properties.hasNext()) {
        Map.Entry<String, JsonNode> property = properties.next();
        checkRules(property.getValue(), value.get(property.getKey()), errors);
      }
    } else if (value.isArray()) {
      value.forEach(item -> checkRules(schema.path("items"), item, errors));
    }
  }

  private static boolean evaluate(String rule, JsonNode self) {
    try {
      Object result =
          RUNTIME.createProgram(CEL.compile(rule).getAst()).eval(Map.of("self", toCel(self)));
      return Boolean.TRUE.equals(result);
    } catch (Exception e) {
      throw new IllegalStateException("CEL rule does not evaluate: " + rule, e);
    }
  }

  /** CEL integers are 64-bit; maps and lists must be plain Java collections. */
  private static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(entry -> map.put(entry.getKey(), toCel(entry.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  /** Draft 4 knows no x-kubernetes-* keywords; the preserve-unknown-fields nodes accept anything. */
  private static JsonNode withoutKubernetesExtensions(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      object.remove(List.of("x-kubernetes-validations", "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-int-or-string"));
      object.properties().forEach(entry -> withoutKubernetesExtensions(entry.getValue()));
    } else if (node.isArray()) {
      node.forEach(CrdValidator::withoutKubernetesExtensions);
    }
    return node;
  }
}
