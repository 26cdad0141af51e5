package io.cronium.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResumePointTest {

  private static final Instant T1 = Instant.parse("2026-11-28T10:00:01.100Z");
  private static final Instant T2 = Instant.parse("2026-11-28T10:00:01.200Z");
  private static final Instant T3 = Instant.parse("2026-11-28T10:00:02.300Z");

  @Test
  void aFreshPointAdmitsEverythingAndAsksFromTheStart() {
    ResumePoint point = new ResumePoint();

    assertThat(point.sinceTime()).isEmpty();
    assertThat(point.cursor()).isEmpty();
    assertThat(point.admit(T1)).isTrue();
  }

  @Test
  void resumesFromTheLastPrintedSecondAndDropsWhatWasPrinted() {
    ResumePoint point = new ResumePoint();
    point.admit(T1);
    point.admit(T2);

    point.reconnect();

    assertThat(point.sinceTime()).contains(Instant.parse("2026-11-28T10:00:01Z"));
    assertThat(point.admit(T1)).isFalse();
    assertThat(point.admit(T2)).isFalse();
    assertThat(point.admit(T3)).isTrue();
  }

  @Test
  void linesSharingTheLastTimestampAreDroppedOnlyAsOftenAsTheyWerePrinted() {
    ResumePoint point = new ResumePoint();
    point.admit(T2);
    point.admit(T2);

    point.reconnect();

    assertThat(point.admit(T2)).as("first replayed").isFalse();
    assertThat(point.admit(T2)).as("second replayed").isFalse();
    assertThat(point.admit(T2)).as("a third line of that instant, never printed").isTrue();
  }

  @Test
  void theCursorNamesTheLastTimestampAndHowManyLinesWerePrintedAtIt() {
    ResumePoint point = new ResumePoint();
    point.admit(T2);
    point.admit(T2);

    assertThat(point.cursor()).contains("2026-11-28T10:00:01.200Z/2");
  }
}
