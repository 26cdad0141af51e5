package io.cronium.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A script or HTTP request to run, by hand or on a schedule. The kind clashes with core
 * {@code events} in kubectl: use {@code kubectl get cev} or {@code events.cronium.io}.
 */
// Run and Pod names derive from the Event's name and must stay valid label values (63).
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@ValidationRule(
    value = "size(self.metadata.name) <= 52",
    message = "Event names are limited to 52 characters")
@Group("cronium.io")
@Version("v1alpha1")
@ShortNames({"cev", "cronium-event"})
@Categories("cronium")
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.type", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule.cron", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Next", jsonPath = ".status.nextScheduleTime", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Run", jsonPath = ".status.lastRun.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.lastRun.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Event extends CustomResource<EventSpec, EventStatus> implements Namespaced {}
