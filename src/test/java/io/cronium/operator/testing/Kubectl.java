package io.cronium.operator.testing;

import io.cronium.localcluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The control plane's kubectl, run as a user of the test cluster (a client certificate naming them). */
public final class Kubectl {

  /** How a finished kubectl ended. */
  public record Result(int exitCode, String out, String err) {}

  private final List<String> command;

  private Kubectl(List<String> command) {
    this.command = command;
  }

  /** kubectl as {@code user} in {@code groups}. */
  public static Kubectl as(LocalCluster cluster, String user, List<String> groups) {
    try {
      Path kubeconfig = cluster.controlPlane()
          .writeKubeconfig(Files.createTempFile("kubeconfig-" + user.replace(':', '-'), ".yaml"), user, groups);
      return new Kubectl(List.of(
          cluster.controlPlane().binaries().path("kubectl").toString(), "--kubeconfig", kubeconfig.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts kubectl with these arguments; its output is read from the process. */
  public Process start(String... arguments) {
    List<String> line = new ArrayList<>(command);
    line.addAll(List.of(arguments));
    try {
      return new ProcessBuilder(line).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs kubectl to its end (at most a minute). */
  public Result run(String... arguments) {
    Process process = start(arguments);
    try {
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl " + String.join(" ", arguments) + " did not end");
      }
      return new Result(process.exitValue(),
          new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
