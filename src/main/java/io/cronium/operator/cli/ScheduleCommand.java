package io.cronium.operator.cli;

import io.cronium.api.v1alpha1.ScheduleSpec;
import io.cronium.operator.event.SchedulePlanner;
import io.cronium.operator.schedule.InvalidScheduleException;
import io.cronium.operator.schedule.Schedule;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints the next fire times of a schedule, computed by the same code that fills an Event's
 * {@code status.nextScheduleTime}, so users can check a schedule before applying it.
 */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = "Print the next N fire times of a cron schedule strictly after --from (RFC 3339).")
public class ScheduleCommand implements Callable<Integer> {

  static final int INVALID = 2;

  @Spec CommandSpec spec;

  @Option(names = "--cron", required = true, description = "5 cron fields, a macro or @every.")
  String cron;

  @Option(names = "--time-zone", description = "IANA time zone the cron fields are read in (default UTC).")
  String timeZone;

  @Option(names = "--from", description = "RFC 3339 instant to start after (default: now).")
  String from;

  @Option(names = "--count", defaultValue = "5", description = "How many fire times (default 5).")
  int count;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (count < 1) {
      err.println("error: --count must be at least 1");
      return INVALID;
    }
    Instant start;
    try {
      start = from == null ? Instant.now() : OffsetDateTime.parse(from).toInstant();
    } catch (DateTimeParseException e) {
      err.printf("error: --from \"%s\" is not an RFC 3339 time such as 2026-03-08T01:30:00Z%n", from);
      return INVALID;
    }
    Schedule schedule;
    try {
      // Exactly what the Event controller reads; @every counts from --from as from a creation time.
      ScheduleSpec spec = new ScheduleSpec();
      spec.setCron(cron);
      spec.setTimeZone(timeZone);
      schedule = SchedulePlanner.scheduleOf(spec, start);
    } catch (InvalidScheduleException e) {
      err.println("error: " + e.getMessage());
      return INVALID;
    }
    Optional<Instant> next = schedule.nextAfter(start);
    for (int printed = 0; printed < count; printed++) {
      if (next.isEmpty()) {
        err.printf("error: the schedule has no further fire time after %s%n",
            printed == 0 ? start : "the last one printed");
        return INVALID;
      }
      out.println(next.get());
      next = schedule.nextAfter(next.get());
    }
    return 0;
  }
}
