package io.cronium.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kubectl cronium}: the kubectl plugin. Runs as a plain JVM program from the operator's
 * classpath (packed with it by {@code hack/build-plugin.sh}), so it shares the operator's schedule code and
 * model classes instead of copying them.
 */
@Command(
    name = "kubectl cronium",
    mixinStandardHelpOptions = true,
    versionProvider = CroniumCli.Version.class,
    description = "Check schedules, run Events, follow runs and open the web console of the Cronium operator.",
    subcommands = {
        ScheduleCommand.class, RunCommand.class, LogsCommand.class, ConsoleCommand.class, TestToolCommand.class})
public class CroniumCli {

  public static void main(String[] args) {
    System.exit(commandLine(() -> new KubernetesClientBuilder().build()).execute(args));
  }

  /**
   * The command line, with {@code clients} handed to every subcommand that talks to the cluster
   * (those with a {@code Supplier<KubernetesClient>} constructor); tests pass a mock server's.
   */
  public static CommandLine commandLine(Supplier<KubernetesClient> clients) {
    return new CommandLine(new CroniumCli(), new ClusterCommandFactory(clients));
  }

  private record ClusterCommandFactory(Supplier<KubernetesClient> clients)
      implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(Supplier.class).newInstance(clients);
      } catch (NoSuchMethodException noClusterAccess) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CroniumCli.class.getPackage().getImplementationVersion();
      return new String[] {"kubectl-cronium " + (version == null ? "(development build)" : version)};
    }
  }
}
