package io.cronium.api.v1alpha1;

/** Why a JobRun exists. */
public enum RunTrigger {
  /** Created by hand (kubectl create, the plugin's run command) to run an Event now. */
  Manual,
  /** Created by the Event controller for a due schedule slot. */
  Schedule,
  /** Created by a runEvent action of another Event's finished run. */
  Action,
  /** Created by a signed POST to the operator's webhook endpoint (spec.webhook). */
  Webhook
}
