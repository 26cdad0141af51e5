package io.cronium.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceivedResultTest {

    private static final String IN_LOG = "{\"exitCode\":0,\"condition\":true,\"timedOut\":false,\"resultInLog\":true}";

    @Test
    void theLastResultLineOfTheLogCounts() {
        String log = "line 1\n::cronium-result::{\"exitCode\":1}\nmore\n"
                + "::cronium-result::{\"exitCode\":0,\"output\":{\"big\":true},\"resultInLog\":true}\n";

        RunResult result = ReceivedResult.read(IN_LOG, Optional.of(log)).orElseThrow().result();

        assertEquals(0, result.exitCode());
        assertTrue(result.output().orElseThrow().get("big").asBoolean());
    }

    @Test
    void withoutTheLogTheTerminationMessagesPartCountsAndSaysTheLogWasUnread() {
        assertEquals(new ReceivedResult(RunResult.parse(IN_LOG).orElseThrow(), Optional.empty(), true),
                ReceivedResult.read(IN_LOG, Optional.empty()).orElseThrow());
        assertEquals(new ReceivedResult(RunResult.parse(IN_LOG).orElseThrow(), Optional.empty(), true),
                ReceivedResult.read(IN_LOG, Optional.of("no result line\n")).orElseThrow());
    }

    @Test
    void theLogIsNotReadWhenTheMessageHoldsTheWholeResult() {
        String log = "::cronium-result::{\"exitCode\":7}\n";

        ReceivedResult received = ReceivedResult.read("{\"exitCode\":0}", Optional.of(log)).orElseThrow();

        assertEquals(0, received.result().exitCode());
        assertEquals(false, received.logUnread());
    }

    @Test
    void unreadableChunksLeaveTheOutputEmptyAndSayWhy() {
        String log = OutputChunks.MARKER + " 2/2 e30=\n::cronium-result::{\"exitCode\":0,\"condition\":true,\"outputChunks\":2}\n";

        ReceivedResult received = ReceivedResult.read(IN_LOG, Optional.of(log)).orElseThrow();

        assertEquals(Optional.of("output chunk 1 of 2 is missing or out of order in the log"), received.outputLost());
        assertEquals(Optional.empty(), received.result().output());
        assertEquals(Optional.of(true), received.result().condition(), "the rest of the result stands");
    }

    @Test
    void aMessageThatIsNotAResultIsNone() {
        assertEquals(Optional.empty(), ReceivedResult.read("Segmentation fault", Optional.of("::cronium-result::{\"exitCode\":0}")));
    }
}
