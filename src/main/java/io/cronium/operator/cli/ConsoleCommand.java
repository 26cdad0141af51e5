package io.cronium.operator.cli;

import io.cronium.operator.console.ConsoleServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Serves the web console on 127.0.0.1 until interrupted, passing its API calls to the cluster
 * with the kubeconfig's identity ({@link ConsoleServer}).
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
        "Open the web console on 127.0.0.1 and print its URL; Ctrl-C stops it.",
        "Every call it makes uses your kubeconfig's identity, as kubectl proxy does: RBAC decides what you see."})
public class ConsoleCommand implements Callable<Integer> {

  /** Beside kubectl proxy's 8001, which users often keep running. */
  static final int DEFAULT_PORT = 8002;

  private final Supplier<KubernetesClient> clients;

  @Spec CommandSpec spec;

  @Mixin NamespaceOption namespace;

  @Option(names = {"-p", "--port"}, defaultValue = "" + DEFAULT_PORT,
      description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}); 0 picks a free one.")
  int port;

  public ConsoleCommand(Supplier<KubernetesClient> clients) {
    this.clients = clients;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (ConsoleCommand.class.getClassLoader().getResource(ConsoleServer.ASSETS + "index.html") == null) {
      err.println("error: this build of kubectl-cronium carries no console (build it with make plugin)");
      return 1;
    }
    try (KubernetesClient client = clients.get();
        ConsoleServer server = ConsoleServer.start(client, port, ConsoleServer.ASSETS,
            Objects.requireNonNullElse(namespace.resolve(client), "default"))) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Cronium console: " + server.url() + " (API server " + client.getMasterUrl() + "; Ctrl-C stops it)");
      out.flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "console-stop"));
      stopped.await();
      return 0;
    } catch (BindException inUse) {
      err.println("error: port " + port + " on 127.0.0.1 is in use; pick another with --port (0: any free one)");
      return 1;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }
}
