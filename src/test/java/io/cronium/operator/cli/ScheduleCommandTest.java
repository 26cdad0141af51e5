package io.cronium.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ScheduleCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli =
        CroniumCli.commandLine(
            () -> {
              throw new AssertionError("schedule must not need a cluster");
            });
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void printsNextFireTimesStrictlyAfterFromAsRfc3339Instants() {
    int code = run("schedule", "--cron", "*/15 * * * *", "--from", "2026-11-28T10:15:00Z", "--count", "3");

    assertThat(code).isZero();
    assertThat(out.toString().lines())
        .containsExactly("2026-11-28T10:30:00Z", "2026-11-28T10:45:00Z", "2026-11-28T11:00:00Z");
  }

  @Test
  void readsCronFieldsInTheTimeZoneAndSkipsTheSpringForwardGap() {
    int code =
        run("schedule", "--cron", "30 2 * * *", "--time-zone", "America/New_York",
            "--from", "2026-03-07T12:00:00-05:00", "--count", "2");

    assertThat(code).isZero();
    // 2026-03-08 02:30 does not exist in New York: the next fire time is the 9th's.
    assertThat(out.toString().lines())
        .containsExactly("2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z");
  }

  @Test
  void acceptsAnOffsetInFrom() {
    assertThat(run("schedule", "--cron", "@hourly", "--from", "2026-11-28T10:00:00+01:00", "--count", "1"))
        .isZero();
    assertThat(out.toString().lines()).containsExactly("2026-11-28T10:00:00Z");
  }

  @Test
  void rejectsAnUnsatisfiableExpression() {
    assertThat(run("schedule", "--cron", "0 0 30 2 *", "--from", "2026-01-01T00:00:00Z")).isEqualTo(2);
    assertThat(err.toString()).contains("never fire");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void rejectsAnInvalidExpression() {
    assertThat(run("schedule", "--cron", "61 * * * *")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: ").contains("61");
  }

  @Test
  void rejectsAnUnknownZone() {
    assertThat(run("schedule", "--cron", "@daily", "--time-zone", "Mars/Olympus")).isEqualTo(2);
    assertThat(err.toString()).contains("Mars/Olympus").contains("IANA");
  }

  @Test
  void rejectsAFromThatIsNotRfc3339() {
    assertThat(run("schedule", "--cron", "@daily", "--from", "yesterday")).isEqualTo(2);
    assertThat(err.toString()).contains("--from \"yesterday\"");
  }
}
