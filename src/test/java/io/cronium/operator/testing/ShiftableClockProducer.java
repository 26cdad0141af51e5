package io.cronium.operator.testing;

import io.quarkus.test.Mock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Hands the operator {@link ShiftableClock} instead of the system clock in every Quarkus test. */
@Mock
public class ShiftableClockProducer {

  @Produces
  @Singleton
  @Mock
  Clock clock() {
    return ShiftableClock.INSTANCE;
  }
}
