package io.cronium.operator.cli;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.operator.logapi.LogApiClient;
import io.cronium.operator.logs.LogQuery;
import io.cronium.operator.logs.ResumePoint;
import io.cronium.operator.logs.RunExitCode;
import io.cronium.operator.logs.RunNotFoundException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints a run's log through the log API ({@code logs.cronium.io}) when the cluster serves it,
 * else from {@code pods/log}: its Pod's while the Pod exists, the tail kept in the JobRun after. With
 * {@code -f} it follows until the run ends, reconnecting without repeating or losing lines. It
 * exits with the run's exit code once the run has ended.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
        "Print a JobRun's log; -f follows it until the run ends. Once the run has ended, exits"
            + " with its exit code (124 when it timed out, 1 when it failed without one).",
        "After the run's Pod is gone, prints the log tail kept in the JobRun's status."})
public class LogsCommand implements Callable<Integer> {

  private final Supplier<KubernetesClient> clients;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOBRUN", description = "Name of the JobRun.")
  String runName;

  @Mixin NamespaceOption namespace;

  @Option(names = {"-f", "--follow"}, description = "Follow the log until the run ends.")
  boolean follow;

  public LogsCommand(Supplier<KubernetesClient> clients) {
    this.clients = clients;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (KubernetesClient client = clients.get()) {
      String ns = namespace.resolve(client);
      JobRun run = LogApiClient.forCluster(client).read(ns, runName, LogQuery.whole(follow), new ResumePoint(),
          (timestamp, text) -> {
            out.println(text);
            out.flush();
          });
      return RunExitCode.of(run);
    } catch (RunNotFoundException | KubernetesClientException e) {
      err.println("error: " + e.getMessage());
      return RunExitCode.FAILED;
    }
  }
}
