package io.cronium.operator.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Figures the benchmarks compute the same way: the API requests made for runs, the machine. */
public final class BenchFigures {

  private BenchFigures() {}

  /**
   * Request counts (as {@code RequestTally} keys them) without Lease renewals: the operator's leader
   * election renews its Lease every few seconds whether runs happen or not.
   */
  static Map<String, Long> forRuns(Map<String, Long> requests) {
    Map<String, Long> forRuns = new TreeMap<>(requests);
    forRuns.keySet().removeIf(request -> request.endsWith(" leases"));
    return forRuns;
  }

  /** Requests that change state: POST, PUT, PATCH and DELETE. */
  static long writes(Map<String, Long> requests) {
    return requests.entrySet().stream().filter(e -> !e.getKey().startsWith("GET ")).mapToLong(Map.Entry::getValue).sum();
  }

  /**
   * The machine line of a report: its CPUs and the load averages as the benchmark ends, since other
   * work on the machine (a build, another benchmark) slows what is measured.
   */
  public static String machine() {
    String load;
    try {
      load = String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (IOException e) {
      load = "unknown";
    }
    return "machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, load average (1/5/15 min) at the end: "
        + load;
  }

  /** One line per request kind: its count per run, and in all. */
  static String perRun(Map<String, Long> requests, int runs) {
    StringBuilder text = new StringBuilder();
    requests.forEach((request, count) ->
        text.append(String.format("  %-36s %8.2f  (%d)%n", request, (double) count / runs, count)));
    return text.toString();
  }
}
