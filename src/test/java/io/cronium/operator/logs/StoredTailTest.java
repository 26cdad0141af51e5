package io.cronium.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoredTailTest {

  private static final String TAIL = "a\nb\nc\nd\ne\nf\n";

  @Test
  void theTailsLinesWithoutTheFinalLineBreak() {
    assertThat(StoredTail.lines(TAIL)).containsExactly("a", "b", "c", "d", "e", "f");
    assertThat(StoredTail.lines("")).isEmpty();
    assertThat(StoredTail.lines(null)).isEmpty();
  }

  @Test
  void linesAfterThoseAlreadyPrintedAreTheRest() {
    assertThat(StoredTail.after(List.of("x", "b", "c", "d"), TAIL)).containsExactly("e", "f");
  }

  @Test
  void everythingPrintedAlreadyLeavesNothing() {
    assertThat(StoredTail.after(List.of("d", "e", "f"), TAIL)).isEmpty();
  }

  @Test
  void theLatestOccurrenceOfRepeatedLinesCounts() {
    String repeating = "tick\ntock\ntick\ntock\ndone\n";

    assertThat(StoredTail.after(List.of("tock", "tick", "tock"), repeating)).containsExactly("done");
  }

  @Test
  void aSingleCommonLineIsNoEvidence() {
    assertThat(StoredTail.after(List.of("p", "q", "c"), TAIL)).isEmpty();
  }

  @Test
  void aTailThatDoesNotContinueWhatWasPrintedAddsNothing() {
    assertThat(StoredTail.after(List.of("u", "v", "w"), TAIL)).isEmpty();
  }
}
