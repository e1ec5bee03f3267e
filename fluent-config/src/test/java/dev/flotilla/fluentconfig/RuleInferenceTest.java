package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.generate.RuleInference;
import dev.flotilla.fluentconfig.schema.Rule;
import org.junit.jupiter.api.Test;

class RuleInferenceTest {

  @Test
  void typesGiveRules() {
    assertThat(RuleInference.infer("x", "boolean", "on", "")).isInstanceOf(Rule.Bool.class);
    assertThat(RuleInference.infer("x", "size", "4M", "")).isInstanceOf(Rule.Size.class);
    assertThat(RuleInference.infer("x", "time", "10s", "")).isInstanceOf(Rule.Duration.class);
    assertThat(RuleInference.infer("x", "integer", "1", ""))
        .isEqualTo(new Rule.Range(true, null, null));
  }

  @Test
  void listsInProseBecomeEnumerations() {
    Rule format =
        RuleInference.infer(
            "format",
            "string",
            null,
            "Specify the data format to be printed. Supported formats are msgpack, json, json_lines and json_stream.");
    assertThat(format)
        .isEqualTo(
            new Rule.Choice(
                java.util.List.of("msgpack", "json", "json_lines", "json_stream"), true));
    Rule storage =
        RuleInference.infer(
            "storage.type",
            "string",
            "memory",
            "Sets the storage type for this input, one of: filesystem, memory or memrb.");
    assertThat(((Rule.Choice) storage).values()).containsExactly("filesystem", "memory", "memrb");
    Rule quoted =
        RuleInference.infer(
            "action",
            "string",
            "warn",
            "action to take when a rule does not match: 'warn', 'exit' or 'result_key'.");
    assertThat(((Rule.Choice) quoted).values()).containsExactly("warn", "exit", "result_key");
  }

  @Test
  void examplesAreNotEnumerations() {
    assertThat(
            RuleInference.infer(
                "os_name_key",
                "string",
                null,
                "Specify the key name for os name. e.g. linux, win64 or macos."))
        .isNull();
    assertThat(RuleInference.infer("alias", "string", null, "Sets an alias, for cpu, mem or disk"))
        .isNull();
  }

  @Test
  void weakOrGluedListsAreHandled() {
    assertThat(
            RuleInference.infer(
                "result_key",
                "string",
                "matched",
                "append a boolean that indicates rule is matched or not."))
        .isNull();
    Rule platform =
        RuleInference.infer(
            "set_platform",
            "string",
            null,
            "Possible values are k8s and eksThis should only be used for testing");
    assertThat(((Rule.Choice) platform).values()).containsExactly("k8s", "eks");
    Rule grep =
        RuleInference.infer("logical_op", "string", "legacy", "legacy, AND and OR are allowed.");
    assertThat(((Rule.Choice) grep).values()).containsExactly("legacy", "AND", "OR");
  }

  @Test
  void retryLimitHasItsOwnPattern() {
    Rule r = RuleInference.infer("retry_limit", "string", "1", "Accepted values: ...");
    assertThat(r.violation("no_limits")).isEmpty();
    assertThat(r.violation("5")).isEmpty();
    assertThat(r.violation("forever")).isPresent();
  }
}
