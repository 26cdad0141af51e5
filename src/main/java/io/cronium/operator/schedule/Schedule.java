package io.cronium.operator.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The instants ("slots") at which an Event is due. Implementations are immutable and pure: the
 * current time is always an argument, never read from a clock.
 */
public interface Schedule {

  /**
   * The first slot strictly after {@code t}, or empty if there is none within the search horizon.
   */
  Optional<Instant> nextAfter(Instant t);

  /** The last slot at or before {@code t}, or empty if there is none within the search horizon. */
  Optional<Instant> latestAtOrBefore(Instant t);

  /**
   * The slots in {@code (fromExclusive, toInclusive]}, oldest first. The stream is lazy, so a
   * caller that only needs a bounded count applies {@code limit} and pays for no more.
   */
  default Stream<Instant> slotsBetween(Instant fromExclusive, Instant toInclusive) {
    return Stream.iterate(
            nextAfter(fromExclusive), Optional::isPresent, slot -> nextAfter(slot.get()))
        .map(Optional::get)
        .takeWhile(slot -> !slot.isAfter(toInclusive));
  }
}
