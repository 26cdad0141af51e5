package io.cronium.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** The Argo CD health checks shipped under helm/argocd/, run in a Lua interpreter as Argo CD does. */
class ArgoCdHealthTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {}                                                                              | Progressing | Waiting for the operator to start the run
      {"status":{"phase":"Pending","reason":"PodPending","message":"0/3 nodes"}}      | Progressing | PodPending: 0/3 nodes
      {"status":{"phase":"Running"}}                                                  | Progressing | Running
      {"status":{"phase":"Succeeded","reason":"Completed"}}                           | Healthy     | Completed
      {"status":{"phase":"Failed","reason":"ImagePullFailed","message":"pull x"}}     | Degraded    | ImagePullFailed: pull x
      {"status":{"phase":"TimedOut","reason":"TimedOut"}}                             | Degraded    | TimedOut
      """)
  void jobRun(String object, String status, String message) throws IOException {
    assertThat(health("jobrun-health.lua", object)).containsExactly(status, message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"metadata":{"generation":1}}                                                                      | Progressing | Waiting for the operator
      {"metadata":{"generation":2},"status":{"observedGeneration":1}}                                    | Progressing | Waiting for the operator to see the latest spec
      {"metadata":{"generation":1},"spec":{"suspend":true},"status":{"observedGeneration":1}}            | Suspended   | Suspended: no scheduled runs
      {"metadata":{"generation":1},"status":{"observedGeneration":1,"lastRun":{"name":"a","phase":"Failed"}}}    | Degraded | Last run a ended Failed
      {"metadata":{"generation":1},"status":{"observedGeneration":1,"lastRun":{"name":"a","phase":"Succeeded"}}} | Healthy  | Last run a Succeeded
      {"metadata":{"generation":1},"status":{"observedGeneration":1}}                                    | Healthy     | No run yet
      """)
  void event(String object, String status, String message) throws IOException {
    assertThat(health("event-health.lua", object)).containsExactly(status, message);
  }

  private static String[] health(String script, String object) throws IOException {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(JSON.readTree(object)));
    LuaValue result = globals.load(Files.readString(Path.of("helm/argocd", script)), script).call();
    return new String[] {result.get("status").tojstring(), result.get("message").tojstring()};
  }

  private static LuaValue lua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        table.set(field.getKey(), lua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, lua(node.get(i)));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
  }
}
