package dev.flotilla.fluentconfig.generate;

import dev.flotilla.fluentconfig.schema.OptionSchema;
import dev.flotilla.fluentconfig.schema.PluginSchema;
import dev.flotilla.fluentconfig.schema.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Sections a {@code -J} dump leaves out: service keys, parsers, multiline parsers, upstreams and
 * stream tasks. Written down from the engine's documented behaviour, they change rarely.
 */
final class CoreSections {
  private CoreSections() {}

  static List<PluginSchema> fluentBit(String version) {
    return List.of(
        doc(version, "service", "service", "Global service settings", service()),
        doc(version, "parser", "parser", "A parser definition", parser()),
        doc(version, "multiline_parser", "multiline_parser", "A multiline parser", multiline()),
        doc(version, "upstream", "upstream", "An upstream server group", upstream()),
        doc(version, "node", "node", "A node of an upstream group", node()),
        doc(
            version,
            "plugins",
            "plugins",
            "External plugin paths",
            List.of(opt("path", "string", null, "Path to a plugin shared object", null, true))),
        doc(
            version,
            "stream_task",
            "stream_task",
            "A stream processor task",
            List.of(req("name", "Task name"), req("exec", "SQL statement"))));
  }

  private static PluginSchema doc(
      String version, String section, String name, String description, List<OptionSchema> options) {
    return new PluginSchema(
        "fluent-bit",
        version,
        section,
        name,
        description,
        "https://docs.fluentbit.io/manual/administration/configuring-fluent-bit",
        options);
  }

  private static List<OptionSchema> service() {
    List<OptionSchema> o = new ArrayList<>();
    o.add(opt("flush", "double", "1", "Flush interval in seconds", null, false));
    o.add(opt("grace", "integer", "5", "Seconds to wait on shutdown", null, false));
    o.add(opt("daemon", "boolean", "off", "Run in the background", null, false));
    o.add(opt("log_file", "string", null, "Log file path", null, false));
    o.add(
        opt(
            "log_level",
            "string",
            "info",
            "Log verbosity",
            choice("off", "error", "warn", "info", "debug", "trace"),
            false));
    for (String f : List.of("parsers_file", "plugins_file", "streams_file")) {
      o.add(opt(f, "string", null, "Path of an additional configuration file", null, true));
    }
    o.add(opt("http_server", "boolean", "off", "Enable the HTTP monitoring server", null, false));
    o.add(opt("http_listen", "string", "0.0.0.0", "Monitoring server address", null, false));
    o.add(
        opt(
            "http_port",
            "integer",
            "2020",
            "Monitoring server port",
            new Rule.Range(true, 0.0, 65535.0),
            false));
    o.add(opt("health_check", "boolean", "off", "Register the health endpoint", null, false));
    o.add(opt("hc_errors_count", "integer", "5", "Errors allowed per period", null, false));
    o.add(
        opt(
            "hc_retry_failure_count",
            "integer",
            "5",
            "Retry failures allowed per period",
            null,
            false));
    o.add(opt("hc_period", "integer", "60", "Health period in seconds", null, false));
    o.add(opt("hot_reload", "boolean", "off", "Enable hot reload", null, false));
    o.add(
        opt(
            "hot_reload.ensure_thread_safety",
            "boolean",
            "on",
            "Wait for every pending task on reload",
            null,
            false));
    o.add(
        opt(
            "hot_reload.timeout",
            "integer",
            "0",
            "Reload watchdog in seconds (0: none)",
            null,
            false));
    o.add(opt("storage.path", "string", null, "Filesystem buffering directory", null, false));
    o.add(opt("storage.sync", "string", "normal", "Sync mode", choice("normal", "full"), false));
    o.add(opt("storage.metrics", "boolean", "on", "Register the storage endpoint", null, false));
    o.add(opt("storage.checksum", "boolean", "off", "Checksum chunks", null, false));
    o.add(opt("storage.max_chunks_up", "integer", "128", "Chunks kept in memory", null, false));
    o.add(opt("storage.backlog.mem_limit", "size", "100M", "Backlog memory limit", null, false));
    for (String b :
        List.of(
            "storage.backlog.flush_on_shutdown",
            "storage.delete_irrecoverable_chunks",
            "storage.trim_files",
            "storage.inherit",
            "storage.keep.rejected")) {
      o.add(opt(b, "boolean", "off", "", null, false));
    }
    o.add(opt("storage.type", "string", null, "Storage type", null, false));
    o.add(opt("storage.rejected.path", "string", null, "Rejected chunks directory", null, false));
    o.add(opt("storage.rejected.limit", "string", null, "Rejected chunks limit", null, false));
    o.add(opt("enable_chunk_trace", "boolean", "off", "Enable chunk tracing", null, false));
    o.add(opt("coro_stack_size", "integer", null, "Coroutine stack size", null, false));
    o.add(opt("multiline_buffer_limit", "size", "2MB", "Multiline buffer limit", null, false));
    o.add(opt("scheduler.cap", "integer", "2000", "Retry backoff cap", null, false));
    o.add(opt("scheduler.base", "integer", "5", "Retry backoff base", null, false));
    o.add(opt("json.convert_nan_to_null", "boolean", "false", "", null, false));
    o.add(opt("json.escape_unicode", "boolean", "on", "", null, false));
    o.add(opt("sp.convert_from_str_to_num", "boolean", "true", "", null, false));
    o.add(opt("security.fips_mode", "boolean", "off", "FIPS mode", null, false));
    o.add(opt("dns.mode", "string", null, "DNS transport", choice("UDP", "TCP"), false));
    o.add(opt("dns.resolver", "string", null, "DNS resolver", choice("LEGACY", "ASYNC"), false));
    o.add(opt("dns.prefer_ipv4", "boolean", "off", "", null, false));
    o.add(opt("dns.prefer_ipv6", "boolean", "off", "", null, false));
    o.add(opt("flush.adaptive", "boolean", "off", "Adaptive flush", null, false));
    for (String d :
        List.of(
            "flush.adaptive.min_interval",
            "flush.adaptive.max_interval",
            "flush.adaptive.low_pressure",
            "flush.adaptive.medium_pressure",
            "flush.adaptive.high_pressure")) {
      o.add(opt(d, "double", null, "", null, false));
    }
    o.add(opt("flush.adaptive.up_steps", "integer", "2", "", null, false));
    o.add(opt("flush.adaptive.down_steps", "integer", "3", "", null, false));
    o.add(opt("windows.maxstdio", "integer", "512", "Windows only", null, false));
    o.add(opt("telemetry", "variant", null, "Telemetry settings (YAML only)", null, false));
    return o;
  }

  private static List<OptionSchema> parser() {
    return List.of(
        req("name", "Parser name"),
        new OptionSchema(
            "format",
            "string",
            null,
            "Parser format",
            true,
            false,
            choice("json", "regex", "ltsv", "logfmt"),
            "options"),
        opt("regex", "string", null, "Regular expression with named captures", null, false),
        opt("time_key", "string", null, "Field holding the time", null, false),
        opt("time_format", "string", null, "strptime format of the time", null, false),
        opt("time_offset", "string", null, "Fixed UTC offset", null, false),
        opt("time_keep", "boolean", "off", "Keep the time field", null, false),
        opt("time_strict", "boolean", "on", "Fail on time parse errors", null, false),
        opt("time_system_timezone", "boolean", "off", "Use the system time zone", null, false),
        opt("types", "string", null, "Field type conversions", null, false),
        opt("decode_field", "string", null, "Decoder", null, true),
        opt("decode_field_as", "string", null, "Decoder", null, true),
        opt("skip_empty_values", "boolean", "on", "", null, false));
  }

  private static List<OptionSchema> multiline() {
    return List.of(
        req("name", "Multiline parser name"),
        new OptionSchema(
            "type", "string", null, "Parser type", true, false, choice("regex"), "options"),
        opt("parser", "string", null, "Parser applied after concatenation", null, false),
        opt("key_content", "string", null, "Key holding the text", null, false),
        opt("flush_timeout", "integer", "5000", "Milliseconds before flushing", null, false),
        opt(
            "rule",
            "space delimited strings (minimum 3)",
            null,
            "state regex next_state",
            null,
            true));
  }

  private static List<OptionSchema> upstream() {
    return List.of(req("name", "Upstream name"));
  }

  private static List<OptionSchema> node() {
    return List.of(
        req("name", "Node name"),
        new OptionSchema("host", "string", null, "Host", true, false, null, "options"),
        new OptionSchema(
            "port",
            "integer",
            null,
            "Port",
            true,
            false,
            new Rule.Range(true, 0.0, 65535.0),
            "options"),
        opt("tls", "boolean", "off", "", null, false),
        opt("tls.verify", "boolean", "on", "", null, false),
        opt("tls.ca_file", "string", null, "", null, false),
        opt("tls.crt_file", "string", null, "", null, false),
        opt("tls.key_file", "string", null, "", null, false),
        opt("shared_key", "string", null, "", null, false),
        opt("username", "string", null, "", null, false),
        opt("password", "string", null, "", null, false));
  }

  private static Rule choice(String... values) {
    return new Rule.Choice(List.of(values), false);
  }

  private static OptionSchema req(String name, String description) {
    return new OptionSchema(name, "string", null, description, true, false, null, "options");
  }

  private static OptionSchema opt(
      String name, String type, String def, String description, Rule rule, boolean repeatable) {
    Rule r = rule != null ? rule : RuleInference.infer(name, type, def, description);
    return new OptionSchema(name, type, def, description, false, repeatable, r, "options");
  }
}
