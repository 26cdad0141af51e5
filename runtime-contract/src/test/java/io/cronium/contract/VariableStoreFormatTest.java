package io.cronium.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VariableStoreFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "..hidden", "a/b", "a b", "é"})
    void invalidKeys(String key) {
        assertTrue(VariableStoreFormat.keyProblem(key).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"counter", "a.b-c_D9", ".hidden", "a..b"})
    void validKeys(String key) {
        assertEquals(Optional.empty(), VariableStoreFormat.keyProblem(key));
    }

    @Test
    void aKeyTheStoreCannotHoldStopsTheWholeWrite() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> VariableStoreFormat.entries(Map.of("a b", IntNode.valueOf(1))));

        assertEquals("invalid variable key \"a b\": use 1-253 characters from A-Z a-z 0-9 _ . -", error.getMessage());
    }

    @Test
    void aDeletedKeyIsCheckedLikeAWrittenOne() {
        assertEquals("counter", VariableStoreFormat.storableKey("counter"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> VariableStoreFormat.storableKey("../x"));

        assertEquals(VariableStoreFormat.keyProblem("../x").orElseThrow(), error.getMessage());
    }

    @Test
    void aHandEditedEntryThatIsNotJsonReadsAsAString() {
        assertEquals(TextNode.valueOf("plain text"), VariableStoreFormat.value("plain text"));
        assertEquals(TextNode.valueOf("1 2"), VariableStoreFormat.value("1 2"));
    }
}
