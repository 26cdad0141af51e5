package io.cronium.operator.action.tool;

import io.cronium.operator.config.OperatorSettings;
import io.cronium.tools.TargetGuard;
import io.cronium.tools.ToolSender;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The operator's one {@link ToolSender}, on Quarkus' Vert.x and guarded as configured. */
public class ToolSenderProducer {

  @Produces
  @Singleton
  ToolSender toolSender(OperatorSettings settings, Vertx vertx) {
    return new ToolSender(new TargetGuard(settings.actions().allowPrivateTargets()), vertx);
  }
}
