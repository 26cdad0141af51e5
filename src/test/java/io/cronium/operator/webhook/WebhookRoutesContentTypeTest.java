package io.cronium.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookRoutesContentTypeTest {

  @Test
  void jsonAndJsonSuffixedTypesWithParametersAreJson() {
    assertThat(WebhookRoutes.isJson("application/json")).isTrue();
    assertThat(WebhookRoutes.isJson("Application/JSON; charset=utf-8")).isTrue();
    assertThat(WebhookRoutes.isJson("application/vnd.github+json")).isTrue();
  }

  @Test
  void formsTextAndNoTypeAreNot() {
    assertThat(WebhookRoutes.isJson(null)).isFalse();
    assertThat(WebhookRoutes.isJson("application/x-www-form-urlencoded")).isFalse();
    assertThat(WebhookRoutes.isJson("text/plain")).isFalse();
    assertThat(WebhookRoutes.isJson("text/json+json")).isFalse();
  }
}
