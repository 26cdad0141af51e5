package io.cronium.operator.testing;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Everything the operator logs (any level, any category) while a test runs, for assertions
 * about what must never be logged.
 */
public final class CapturedLog extends Handler {

  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
  private final Logger root = Logger.getLogger("");
  private final Level rootLevel = root.getLevel();

  private CapturedLog() {
    setLevel(Level.ALL);
  }

  /** Starts capturing at every level, DEBUG and TRACE included. */
  public static CapturedLog start() {
    CapturedLog log = new CapturedLog();
    log.root.setLevel(Level.ALL);
    log.root.addHandler(log);
    return log;
  }

  public void stop() {
    root.removeHandler(this);
    root.setLevel(rootLevel);
  }

  public String text() {
    return String.join("\n", lines);
  }

  @Override
  public void publish(LogRecord record) {
    String params = record.getParameters() == null ? ""
        : Arrays.stream(record.getParameters()).map(String::valueOf).collect(Collectors.joining(" "));
    String thrown = record.getThrown() == null ? "" : String.valueOf(record.getThrown());
    lines.add(record.getLoggerName() + " " + record.getMessage() + " " + params + " " + thrown);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
