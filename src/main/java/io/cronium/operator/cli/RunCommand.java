package io.cronium.operator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRuns;
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

/** Runs an Event now by creating a manual JobRun, as {@code kubectl create -f} would. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run an Event now: creates a manual JobRun and prints its name.")
public class RunCommand implements Callable<Integer> {

  static final int FAILED = 1;

  private final Supplier<KubernetesClient> clients;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "EVENT", description = "Name of the Event to run.")
  String eventName;

  @Mixin NamespaceOption namespace;

  @Option(names = "--input", description = "JSON input for this run; replaces the Event's input.")
  String input;

  public RunCommand(Supplier<KubernetesClient> clients) {
    this.clients = clients;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    JsonNode runInput;
    try {
      runInput = input == null ? null : new ObjectMapper().readTree(input);
    } catch (JsonProcessingException e) {
      err.println("error: --input is not valid JSON: " + e.getOriginalMessage());
      return FAILED;
    }
    try (KubernetesClient client = clients.get()) {
      String ns = namespace.resolve(client);
      Event event = client.resources(Event.class).inNamespace(ns).withName(eventName).get();
      if (event == null) {
        err.printf("error: Event \"%s\" not found in namespace \"%s\"%n", eventName, ns);
        return FAILED;
      }
      JobRun created =
          client.resource(JobRuns.manual(event, runInput)).inNamespace(ns).create();
      spec.commandLine().getOut().println(created.getMetadata().getName());
      return 0;
    } catch (KubernetesClientException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    }
  }
}
