package io.cronium.operator.logs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Where a followed log stands, so that a reconnect neither repeats nor loses a line. A resumed
 * request asks from the last printed line's second ({@code sinceTime} has second precision on
 * the API server) and every line at or before the last printed one is dropped — except lines
 * sharing the last timestamp that were not printed yet, counted here.
 */
public final class ResumePoint {

  private Instant last;
  private int printedAtLast;
  private int replaysToSkip;

  public ResumePoint() {}

  /** This point as text, "{last timestamp}/{lines printed at it}"; empty before any line. */
  public Optional<String> cursor() {
    return Optional.ofNullable(last).map(time -> time + "/" + printedAtLast);
  }

  /** The {@code sinceTime} for the next request; empty before anything was printed. */
  public Optional<Instant> sinceTime() {
    return Optional.ofNullable(last).map(time -> time.truncatedTo(ChronoUnit.SECONDS));
  }

  /** A new connection starts: it replays the lines printed at the last timestamp first. */
  public void reconnect() {
    replaysToSkip = printedAtLast;
  }

  /** Whether a line with this timestamp is new (and is now counted as printed). */
  public boolean admit(Instant timestamp) {
    if (last == null || timestamp.isAfter(last)) {
      last = timestamp;
      printedAtLast = 1;
      replaysToSkip = 0;
      return true;
    }
    if (!timestamp.equals(last)) {
      return false;
    }
    if (replaysToSkip > 0) {
      replaysToSkip--;
      return false;
    }
    printedAtLast++;
    return true;
  }
}
