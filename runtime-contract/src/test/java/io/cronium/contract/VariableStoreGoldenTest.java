package io.cronium.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A result's variable writes and the store entries they become, pinned by the golden files. */
class VariableStoreGoldenTest {

    @Test
    void writesBecomeTheStoreEntriesByteForByte() throws Exception {
        assertEquals(storedEntries(), new TreeMap<>(VariableStoreFormat.entries(goldenWrites())));
    }

    @Test
    void storeEntriesReadBackAsTheWrittenValues() throws Exception {
        Map<String, JsonNode> read = new TreeMap<>();
        storedEntries().forEach((key, text) -> read.put(key, VariableStoreFormat.value(text)));

        assertEquals(new TreeMap<>(goldenWrites()), read);
    }

    private static Map<String, JsonNode> goldenWrites() throws Exception {
        Map<String, JsonNode> writes = new TreeMap<>();
        WireJson.MAPPER.readTree(Golden.text("variable-writes.json")).properties()
                .forEach(entry -> writes.put(entry.getKey(), entry.getValue()));
        return writes;
    }

    /** The golden directory as a job Pod sees the store: one file per key. */
    private static Map<String, String> storedEntries() throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> files = Files.list(Golden.directory("variable-store"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                entries.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
