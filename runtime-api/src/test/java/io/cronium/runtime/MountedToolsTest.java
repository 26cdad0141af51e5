package io.cronium.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountedToolsTest {

    @TempDir
    Path tools;

    @Test
    void readsEachTextFieldAndSkipsABinaryOne() throws Exception {
        Path secret = Files.createDirectories(tools.resolve("slack"));
        Files.writeString(secret.resolve("url"), "https://hooks.example/T000/B000/secret");
        // A field that is no text (a PKCS#12 key store), beside the tool's settings.
        Files.write(secret.resolve("store.p12"), new byte[] {0x30, (byte) 0x82, (byte) 0xff, (byte) 0xfe, 0x00});

        assertEquals(Map.of("url", "https://hooks.example/T000/B000/secret"), MountedTools.fields(tools, "slack"));
        assertEquals(List.of("https://hooks.example/T000/B000/secret"), MountedTools.credentials(tools));
    }
}
