package io.cronium.localcluster.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestTallyTest {

  private static final String EVENT =
      "{\"verb\":\"create\",\"user\":{\"username\":\"op\"},\"objectRef\":{\"resource\":\"jobruns\"}}";

  @TempDir Path dir;

  @Test
  void aLineTheApiServerIsStillWritingIsCountedOnceItIsWhole() throws IOException {
    Path audit = dir.resolve("audit.log");
    Files.writeString(audit, EVENT + "\n" + EVENT.substring(0, 30), StandardCharsets.UTF_8);
    RequestTally tally = new RequestTally(audit, "op"::equals);

    assertThat(tally.snapshot()).isEqualTo(Map.of("POST jobruns", 1L));

    Files.writeString(audit, EVENT.substring(30) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(tally.snapshot()).isEqualTo(Map.of("POST jobruns", 2L));
  }
}
