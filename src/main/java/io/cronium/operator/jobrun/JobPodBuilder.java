package io.cronium.operator.jobrun;

import io.cronium.api.v1alpha1.EgressPolicy;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.HttpHeader;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.contract.RuntimeEnv;
import io.cronium.contract.ToolGrant;
import io.cronium.operator.variables.VariableStore;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the one Pod that carries out a JobRun: the runtime-api image, the run spec in env,
 * no API credentials, and a locked-down sandbox (Pod Security Standard "restricted"). The tool
 * Secrets the Event lists are mounted read-only, those and no others.
 */
public final class JobPodBuilder {

  public static final String CONTAINER_NAME = "runtime";
  static final long RUN_AS_USER = 1000L;
  static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";
  /** Linux caps one environment string at 128 KiB (MAX_ARG_STRLEN); keep room for the name. */
  static final int MAX_RUN_SPEC_BYTES = 120 * 1024;

  private final String image;
  private final String imagePullPolicy;
  private final Duration timeoutGrace;
  private final SandboxResources resources;
  private final boolean allowPrivateTargets;

  /** @param allowPrivateTargets whether the script's sends may reach private addresses, as notify actions may */
  public JobPodBuilder(String image, String imagePullPolicy, Duration timeoutGrace, SandboxResources resources,
      boolean allowPrivateTargets) {
    this.image = image;
    this.imagePullPolicy = imagePullPolicy;
    this.timeoutGrace = timeoutGrace;
    this.resources = resources;
    this.allowPrivateTargets = allowPrivateTargets;
  }

  /**
   * The Pod of one attempt: the JobRun's own name for the first, {@code <run>-attempt-N} after
   * retries. Fixed per attempt, so a repeated create can only ever hit AlreadyExists.
   */
  public static String podName(JobRun run, int attempt) {
    String name = run.getMetadata().getName();
    return attempt == 1 ? name : name + "-attempt-" + attempt;
  }

  /**
   * @param toolTypes the {@code cronium.io/tool-type} label of each tool Secret the Event lists, by
   *     name; a Secret without one, or missing, is left out
   * @throws RunSpecTooLargeException when script plus input exceed what one environment
   *     variable can carry
   */
  public Pod build(JobRun run, Event event, int attempt, Map<String, String> toolTypes) {
    int timeoutSeconds = event.getSpec().getTimeoutSeconds();
    List<ToolGrant> tools = event.getSpec().getTools().stream()
        .distinct()
        .map(name -> new ToolGrant(name, toolTypes.get(name)))
        .toList();
    String runSpec = RunSpecDocument.render(run, event, attempt, tools, allowPrivateTargets);
    int runSpecBytes = runSpec.getBytes(StandardCharsets.UTF_8).length;
    if (runSpecBytes > MAX_RUN_SPEC_BYTES) {
      throw new RunSpecTooLargeException(event.getMetadata().getName(), runSpecBytes, MAX_RUN_SPEC_BYTES);
    }
    Pod pod = new PodBuilder()
        .withNewMetadata()
        .withName(podName(run, attempt))
        .withNamespace(run.getMetadata().getNamespace())
        .addToLabels(JobRunLabels.MANAGED_BY, JobRunLabels.OPERATOR)
        .addToLabels(JobRunLabels.EVENT, event.getMetadata().getName())
        .addToLabels(egressLabel(event))
        .addToAnnotations(JobRunLabels.TIMEOUT_SECONDS, Integer.toString(timeoutSeconds))
        .addToFinalizers(ResultTracking.FINALIZER)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(run.getApiVersion())
                .withKind(run.getKind())
                .withName(run.getMetadata().getName())
                .withUid(run.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withRuntimeClassName(event.getSpec().getRuntimeClassName())
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        // The kubelet's own backstop if the operator is down when the run overstays.
        .withActiveDeadlineSeconds(timeoutSeconds + timeoutGrace.toSeconds())
        .withTerminationGracePeriodSeconds(10L)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(RUN_AS_USER)
        .withRunAsGroup(RUN_AS_USER)
        .withFsGroup(RUN_AS_USER)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName(CONTAINER_NAME)
        .withImage(image)
        .withImagePullPolicy(imagePullPolicy)
        .withEnv(env(runSpec, event))
        .withWorkingDir("/workspace")
        .withTerminationMessagePath(TERMINATION_MESSAGE_PATH)
        .withTerminationMessagePolicy("File")
        .withResources(resources.forRun(event.getSpec().getResources()))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("workspace")
        .withMountPath("/workspace")
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("variables")
        .withMountPath(VariableStore.MOUNT_PATH)
        .withReadOnly(true)
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("100Mi"))
        .endEmptyDir()
        .endVolume()
        .addNewVolume()
        .withName("workspace")
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("500Mi"))
        .endEmptyDir()
        .endVolume()
        // The namespace's variables as they are when the run starts; optional until the first
        // run of the namespace saves one.
        .addNewVolume()
        .withName("variables")
        .withNewConfigMap()
        .withName(VariableStore.CONFIG_MAP_NAME)
        .withOptional(true)
        .endConfigMap()
        .endVolume()
        .endSpec()
        .build();
    mountTools(pod, tools);
    return pod;
  }

  /**
   * Each listed tool Secret, read-only under {@link RuntimeEnv#DEFAULT_TOOLS_DIR}/NAME, where
   * runtime-api reads it when the script sends. Optional, so that a missing Secret fails only the
   * send that needs it (with the operator's message), not the whole run.
   */
  private static void mountTools(Pod pod, List<ToolGrant> tools) {
    for (int i = 0; i < tools.size(); i++) {
      // Secret names may be longer than a volume name may be; the index is unique and short.
      String volume = "tool-" + i;
      pod.getSpec().getVolumes().add(new VolumeBuilder()
          .withName(volume)
          .withNewSecret()
          .withSecretName(tools.get(i).name())
          .withOptional(true)
          .endSecret()
          .build());
      pod.getSpec().getContainers().get(0).getVolumeMounts().add(new VolumeMountBuilder()
          .withName(volume)
          .withMountPath(RuntimeEnv.DEFAULT_TOOLS_DIR + "/" + tools.get(i).name())
          .withReadOnly(true)
          .build());
    }
  }

  private static Map<String, String> egressLabel(Event event) {
    return event.getSpec().getEgress() == EgressPolicy.None
        ? Map.of(JobRunLabels.EGRESS, EgressPolicy.None.name())
        : Map.of();
  }

  private static List<EnvVar> env(String runSpec, Event event) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar(RuntimeEnv.RUN_SPEC, runSpec, null));
    if (event.getSpec().getHttp() != null) {
      List<HttpHeader> headers = event.getSpec().getHttp().getHeaders();
      for (int i = 0; i < headers.size(); i++) {
        if (headers.get(i).getValueFrom() != null) {
          env.add(
              new EnvVarBuilder()
                  .withName(RuntimeEnv.httpHeader(i))
                  .withNewValueFrom()
                  .withSecretKeyRef(headers.get(i).getValueFrom().getSecretKeyRef())
                  .endValueFrom()
                  .build());
        }
      }
    }
    env.addAll(event.getSpec().getEnv());
    List<String> fromSecrets = env.stream()
        .filter(variable -> variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null)
        .map(EnvVar::getName)
        .toList();
    if (!fromSecrets.isEmpty()) {
      // Names only: runtime-api reads the values from its own environment to mask them.
      env.add(new EnvVar(RuntimeEnv.MASKED_ENV, String.join(",", fromSecrets), null));
    }
    return env;
  }
}
