package io.cronium.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ResourceOperations;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class StatusWriterTest {

  /** A reconcile context whose status write answers with {@code code}. */
  @SuppressWarnings("unchecked")
  private static Context<JobRun> answering(int code) {
    ResourceOperations<JobRun> operations = new ResourceOperations<>(null) {
      @Override
      public JobRun updatePrimaryStatus(JobRun run) {
        throw new KubernetesClientException("answered " + code, code, null);
      }
    };
    return (Context<JobRun>) Proxy.newProxyInstance(
        Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> {
          if (method.getName().equals("resourceOperations")) {
            return operations;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private final JobRun run = TestRuns.manualRun("hello-manual-1", "hello");

  @Test
  void aRunDeletedMeanwhileIsNotAnError() {
    assertThat(StatusWriter.write(run, answering(404))).isFalse();
  }

  @Test
  void aRunChangedMeanwhileIsLeftToItsNextReconcile() {
    assertThat(StatusWriter.write(run, answering(409))).isFalse();
  }

  @Test
  void otherFailuresReachTheFrameworkForItsRetry() {
    assertThatThrownBy(() -> StatusWriter.write(run, answering(500))).isInstanceOf(KubernetesClientException.class);
  }
}
