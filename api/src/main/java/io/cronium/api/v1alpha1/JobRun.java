package io.cronium.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One execution of an Event, carried out by exactly one Pod. */
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@Group("cronium.io")
@Version("v1alpha1")
@ShortNames({"jr", "cjr"})
@Categories("cronium")
@AdditionalPrinterColumn(name = "Event", jsonPath = ".spec.eventRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Trigger", jsonPath = ".spec.trigger", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Exit", jsonPath = ".status.exitCode", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.reason", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Started", jsonPath = ".status.startTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class JobRun extends CustomResource<JobRunSpec, JobRunStatus> implements Namespaced {

  public JobRunPhase phase() {
    return getStatus() == null || getStatus().getPhase() == null
        ? JobRunPhase.Pending
        : getStatus().getPhase();
  }
}
