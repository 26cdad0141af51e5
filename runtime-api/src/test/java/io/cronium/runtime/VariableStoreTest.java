package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cronium.contract.WireJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's variables: what each change does to later reads and to what the result reports. */
class VariableStoreTest {

    @TempDir
    Path mounted;

    private VariableStore store;

    @BeforeEach
    void mountTwoVariables() throws Exception {
        Files.writeString(mounted.resolve("counter"), "41");
        Files.writeString(mounted.resolve("tags"), "[\"a\"]");
        Files.writeString(mounted.resolve("nothing"), "null");
        store = new VariableStore(mounted);
    }

    @Test
    void existsMeansHoldsAValueOtherThanNull() {
        assertTrue(store.exists("counter"));
        assertFalse(store.exists("nothing"), "null reads like an unset variable");
        assertFalse(store.exists("unset"));
    }

    @Test
    void aDeletedVariableReadsAsUnsetAndIsReportedAsDeletedOnly() {
        store.set("counter", IntNode.valueOf(1));
        store.delete("counter");

        assertEquals(Optional.empty(), store.get("counter"), "the mounted value is hidden too");
        assertFalse(store.exists("counter"));
        assertEquals(Set.of("counter"), store.deletions());
        assertEquals(Map.of(), store.writes());
    }

    @Test
    void aWriteAfterADeleteWins() {
        store.delete("counter");
        store.set("counter", IntNode.valueOf(7));

        assertEquals(Optional.of(IntNode.valueOf(7)), store.get("counter"));
        assertEquals(Set.of(), store.deletions());
        assertEquals(Map.of("counter", IntNode.valueOf(7)), store.writes());
    }

    @Test
    void incrementAddsToTheMountedValueAndStartsUnsetOrNullAtZero() throws Exception {
        assertEquals(42, store.increment("counter", 1));
        assertEquals(32, store.increment("counter", -10));
        assertEquals(5, store.increment("unset", 5));
        assertEquals(1, store.increment("nothing", 1));
        store.delete("counter");
        assertEquals(1, store.increment("counter", 1), "a deleted variable starts again");

        assertEquals(LongNode.valueOf(5), store.writes().get("unset"));
    }

    @Test
    void incrementRefusesAnythingButAnInteger() throws Exception {
        store.set("name", TextNode.valueOf("Ada"));
        store.set("ratio", WireJson.MAPPER.readTree("1.5"));
        store.set("max", LongNode.valueOf(Long.MAX_VALUE));
        store.set("huge", WireJson.MAPPER.readTree("1" + "0".repeat(20)));

        assertEquals("variable \"name\" holds a string, not an integer, so it cannot be incremented",
                assertThrows(VariableStore.WrongTypeException.class, () -> store.increment("name", 1)).getMessage());
        assertEquals("variable \"ratio\" holds a decimal number, not an integer, so it cannot be incremented",
                assertThrows(VariableStore.WrongTypeException.class, () -> store.increment("ratio", 1)).getMessage());
        assertEquals("incrementing variable \"max\" would leave the 64-bit integer range",
                assertThrows(VariableStore.WrongTypeException.class, () -> store.increment("max", 1)).getMessage());
        assertEquals("variable \"huge\" is beyond the 64-bit integer range, so it cannot be incremented",
                assertThrows(VariableStore.WrongTypeException.class, () -> store.increment("huge", 1)).getMessage());
        assertEquals(TextNode.valueOf("Ada"), store.get("name").orElseThrow(), "a refused increment changes nothing");
    }

    @Test
    void appendExtendsTheMountedArrayAndStartsUnsetOrNullAsANewOne() throws Exception {
        store.append("tags", TextNode.valueOf("b"));
        store.append("tags", WireJson.MAPPER.readTree("{\"c\": 1}"));
        store.append("fresh", IntNode.valueOf(1));
        store.append("nothing", NullNode.getInstance());

        assertEquals(WireJson.MAPPER.readTree("[\"a\", \"b\", {\"c\": 1}]"), store.get("tags").orElseThrow());
        assertEquals(WireJson.MAPPER.readTree("[1]"), store.get("fresh").orElseThrow());
        assertEquals(WireJson.MAPPER.readTree("[null]"), store.get("nothing").orElseThrow());
        assertEquals(WireJson.MAPPER.readTree("[\"a\"]"), WireJson.MAPPER.readTree(Files.readString(mounted.resolve("tags"))),
                "the mounted store is never written");
    }

    @Test
    void appendRefusesANonArrayAndLeavesItAsItWas() {
        VariableStore.WrongTypeException refused =
                assertThrows(VariableStore.WrongTypeException.class, () -> store.append("counter", IntNode.valueOf(1)));

        assertEquals("variable \"counter\" holds an integer, not an array, so it cannot be appended to",
                refused.getMessage());
    }

    @Test
    void aValueReadBeforeAnAppendIsNotChangedByIt() throws Exception {
        JsonNode before = store.get("tags").orElseThrow();

        store.append("tags", TextNode.valueOf("b"));

        assertEquals(1, before.size(), "a reader may still be writing it out");
    }
}
