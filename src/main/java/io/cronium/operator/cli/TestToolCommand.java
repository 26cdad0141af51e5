package io.cronium.operator.cli;

import io.cronium.operator.action.ToolRecheck;
import io.cronium.operator.action.tool.KubernetesToolSecrets;
import io.cronium.tools.SendOutcome;
import io.cronium.tools.TargetGuard;
import io.cronium.tools.ToolMessage;
import io.cronium.tools.ToolSecrets;
import io.cronium.tools.ToolSender;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks a tool Secret on demand: validates it as the operator does, then sends one test
 * message through it. Runs with the user's credentials, so it needs no operator change.
 */
@Command(
    name = "test-tool",
    mixinStandardHelpOptions = true,
    description = "Check a tool Secret and send a test message through it.")
public class TestToolCommand implements Callable<Integer> {

  static final int FAILED = 1;
  static final String SUBJECT = "Cronium test message";
  static final String MESSAGE = "This tool works: sent by kubectl cronium test-tool.";

  private final Supplier<KubernetesClient> clients;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SECRET", description = "Name of the tool Secret.")
  String secretName;

  @Mixin NamespaceOption namespace;

  @Option(names = "--allow-private-targets",
      description = "Allow loopback and private addresses, as cronium.actions.allow-private-targets does.")
  boolean allowPrivateTargets;

  public TestToolCommand(Supplier<KubernetesClient> clients) {
    this.clients = clients;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Secret secret;
    String ns;
    try (KubernetesClient client = clients.get()) {
      ns = namespace.resolve(client);
      secret = client.secrets().inNamespace(ns).withName(secretName).get();
      if (secret != null) {
        recheck(client, ns);
      }
    } catch (KubernetesClientException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    }
    if (secret == null) {
      err.printf("error: Secret \"%s\" not found in namespace \"%s\"%n", secretName, ns);
      return FAILED;
    }
    ToolSecrets.Result read = KubernetesToolSecrets.read(secret);
    if (read.tool().isEmpty()) {
      err.println("error: " + read.problem().orElseThrow());
      return FAILED;
    }
    Vertx vertx = Vertx.vertx();
    SendOutcome outcome;
    try {
      outcome = new ToolSender(new TargetGuard(allowPrivateTargets), vertx).send(read.tool().get(), ToolMessage.of(SUBJECT, MESSAGE));
    } finally {
      vertx.close();
    }
    if (!outcome.sent()) {
      err.println("error: " + outcome.reason() + ": " + outcome.message());
      return FAILED;
    }
    spec.commandLine().getOut().println(outcome.message());
    return 0;
  }

  /** The Events that use the tool show its state in their ToolsValid condition now, not within 5 minutes. */
  private void recheck(KubernetesClient client, String ns) {
    try {
      List<String> events = ToolRecheck.request(client, ns, secretName, Instant.now());
      if (!events.isEmpty()) {
        spec.commandLine().getOut().printf("Events re-checking this tool: %s%n", String.join(", ", events));
      }
    } catch (KubernetesClientException e) {
      spec.commandLine().getErr().println("warning: the Events using this tool re-check it within 5 minutes"
          + " (cannot patch them now: " + e.getMessage() + ")");
    }
  }
}
