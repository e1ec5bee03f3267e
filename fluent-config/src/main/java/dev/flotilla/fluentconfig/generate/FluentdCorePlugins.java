package dev.flotilla.fluentconfig.generate;

import dev.flotilla.fluentconfig.schema.OptionSchema;
import dev.flotilla.fluentconfig.schema.PluginSchema;
import dev.flotilla.fluentconfig.schema.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Fluentd's core plugins (those that ship in the fluentd gem) and the system directive, with the
 * parameters a managed config most often sets. Fluentd itself only warns on unknown parameters, so
 * these documents serve editors and did-you-mean hints more than hard validation.
 */
public final class FluentdCorePlugins {
  public static final String VERSION = "1";

  private FluentdCorePlugins() {}

  public static SchemaSet schemas() {
    List<PluginSchema> d = new ArrayList<>();
    d.add(
        doc(
            "system",
            "system",
            "Process-wide settings",
            i("workers", "1"),
            i("restart_worker_interval", "0"),
            s("root_dir"),
            e("log_level", "info", "trace", "debug", "info", "warn", "error", "fatal"),
            s("rpc_endpoint"),
            b("enable_get_dump"),
            s("process_name"),
            b("suppress_config_dump"),
            b("suppress_repeated_stacktrace"),
            b("log_event_verbose"),
            b("without_source"),
            b("with_source_only"),
            b("strict_config_value"),
            b("disable_shared_socket"),
            b("enable_msgpack_time_support"),
            b("enable_jit"),
            b("enable_input_metrics"),
            b("enable_size_metrics"),
            s("file_permission"),
            s("dir_permission"),
            s("umask"),
            s("config_include_dir"),
            t("ignore_repeated_log_interval"),
            t("ignore_same_log_interval"),
            t("emit_error_log_interval")));
    d.add(
        doc(
            "source",
            "forward",
            "Receives events over the forward protocol",
            port("24224"),
            s("bind"),
            s("tag"),
            b("add_tag_prefix"),
            z("chunk_size_limit"),
            b("skip_invalid_event")));
    d.add(
        doc(
            "source",
            "http",
            "Receives events over HTTP",
            port("9880"),
            s("bind"),
            z("body_size_limit"),
            b("add_http_headers"),
            b("add_remote_addr"),
            s("cors_allow_origins")));
    d.add(
        doc(
            "source",
            "tail",
            "Follows files",
            req("path"),
            req("tag"),
            s("pos_file"),
            t("refresh_interval"),
            b("read_from_head"),
            t("rotate_wait"),
            s("exclude_path"),
            b("follow_inodes"),
            s("path_key"),
            b("enable_stat_watcher"),
            b("enable_watch_timer")));
    d.add(
        doc(
            "source",
            "syslog",
            "Receives syslog messages",
            port("5140"),
            s("bind"),
            req("tag"),
            e("protocol_type", null, "udp", "tcp"),
            s("message_length_limit")));
    d.add(
        doc(
            "source",
            "sample",
            "Generates sample events",
            req("tag"),
            s("sample"),
            i("rate", "1"),
            b("auto_increment_key")));
    d.add(
        doc(
            "source",
            "dummy",
            "Generates sample events (old name of sample)",
            req("tag"),
            s("dummy"),
            i("rate", "1")));
    d.add(
        doc(
            "source",
            "monitor_agent",
            "Serves plugin metrics over HTTP",
            port("24220"),
            s("bind"),
            s("tag"),
            t("emit_interval"),
            b("include_config"),
            b("include_retry"),
            b("include_debug_info")));
    d.add(
        doc(
            "source",
            "exec",
            "Runs a command periodically",
            req("command"),
            s("tag"),
            t("run_interval")));
    d.add(
        doc(
            "source",
            "tcp",
            "Receives lines over TCP",
            port("5170"),
            s("bind"),
            req("tag"),
            s("delimiter")));
    d.add(
        doc(
            "source",
            "udp",
            "Receives datagrams",
            port("5160"),
            s("bind"),
            req("tag"),
            z("message_length_limit")));
    d.add(doc("source", "unix", "Receives events on a Unix socket", s("path"), s("tag")));
    for (String kind : List.of("match")) {
      d.add(doc(kind, "stdout", "Prints events", e("output_type", "json", "json", "hash")));
      d.add(doc(kind, "null", "Discards events"));
      d.add(
          doc(
              kind,
              "file",
              "Writes files",
              req("path"),
              b("append"),
              e("compress", null, "text", "gzip"),
              b("add_path_suffix"),
              s("path_suffix"),
              b("symlink_path")));
      d.add(
          doc(
              kind,
              "forward",
              "Sends events over the forward protocol",
              b("require_ack_response"),
              t("ack_response_timeout"),
              t("send_timeout"),
              t("connect_timeout"),
              t("heartbeat_interval"),
              e("heartbeat_type", "transport", "transport", "tcp", "udp", "none"),
              b("transport"),
              e("compress", "text", "text", "gzip")));
      d.add(
          doc(
              kind,
              "copy",
              "Copies events to several stores",
              e("copy_mode", "no_copy", "no_copy", "shallow", "deep", "marshal")));
      d.add(doc(kind, "relabel", "Sends events to a label"));
      d.add(doc(kind, "roundrobin", "Distributes events"));
      d.add(doc(kind, "exec", "Passes events to a command", req("command")));
      d.add(doc(kind, "exec_filter", "Filters events through a command", req("command"), s("tag")));
      d.add(
          doc(
              kind,
              "http",
              "Sends events over HTTP",
              req("endpoint"),
              e("http_method", "post", "post", "put"),
              s("content_type"),
              s("headers"),
              b("json_array"),
              t("open_timeout"),
              t("read_timeout")));
      d.add(
          doc(
              kind,
              "secondary_file",
              "Writes failed chunks",
              req("directory"),
              s("basename"),
              b("append"),
              e("compress", "text", "text", "gzip")));
    }
    d.add(
        doc(
            "filter",
            "record_transformer",
            "Rewrites records",
            b("enable_ruby"),
            b("auto_typecast"),
            b("renew_record"),
            s("renew_time_key"),
            s("keep_keys"),
            s("remove_keys")));
    d.add(doc("filter", "grep", "Selects records by pattern", e("and_or", null, "and", "or")));
    d.add(
        doc(
            "filter",
            "parser",
            "Parses a field",
            req("key_name"),
            b("reserve_data"),
            b("reserve_time"),
            b("remove_key_name_field"),
            b("replace_invalid_sequence"),
            b("inject_key_prefix"),
            s("hash_value_field"),
            b("emit_invalid_record_to_error")));
    d.add(
        doc(
            "filter",
            "stdout",
            "Prints events and passes them on",
            e("output_type", "json", "json", "hash")));
    d.add(
        doc(
            "buffer",
            "buffer",
            "Buffer parameters every buffered output shares",
            s("@type"),
            s("path"),
            z("chunk_limit_size"),
            i("chunk_limit_records", null),
            z("total_limit_size"),
            i("queue_limit_length", null),
            e("compress", "text", "text", "gzip", "zstd"),
            e("flush_mode", "default", "default", "lazy", "interval", "immediate"),
            t("flush_interval"),
            b("flush_at_shutdown"),
            i("flush_thread_count", "1"),
            t("flush_thread_interval"),
            e(
                "overflow_action",
                "throw_exception",
                "throw_exception",
                "block",
                "drop_oldest_chunk"),
            e("retry_type", "exponential_backoff", "exponential_backoff", "periodic"),
            t("retry_wait"),
            t("retry_max_interval"),
            t("retry_timeout"),
            i("retry_max_times", null),
            b("retry_forever"),
            t("timekey"),
            t("timekey_wait"),
            b("timekey_use_utc"),
            s("timekey_zone")));
    d.add(
        doc(
            "parse",
            "parse",
            "Parser parameters every parser plugin shares",
            s("@type"),
            s("time_key"),
            s("time_format"),
            b("keep_time_key"),
            s("types"),
            b("null_empty_string"),
            b("estimate_current_event"),
            e("time_type", "float", "float", "unixtime", "string", "mixed")));
    return new SchemaSet("fluentd", VERSION, d);
  }

  private static final List<OptionSchema> COMMON =
      List.of(
          s("@type"),
          s("@id"),
          s("@label"),
          e("@log_level", null, "trace", "debug", "info", "warn", "error", "fatal"));

  private static PluginSchema doc(
      String section, String name, String description, OptionSchema... options) {
    boolean plugin = List.of("source", "match", "filter").contains(section);
    List<OptionSchema> all = new ArrayList<>(plugin ? COMMON : List.of());
    all.addAll(List.of(options));
    String kind =
        switch (section) {
          case "source" -> "input";
          case "match" -> "output";
          default -> section;
        };
    String url =
        section.equals("system")
            ? "https://docs.fluentd.org/deployment/system-config"
            : "https://docs.fluentd.org/" + kind + "/" + name;
    return new PluginSchema("fluentd", VERSION, section, name, description, url, all);
  }

  private static OptionSchema opt(
      String name, String type, String def, boolean required, Rule rule) {
    return new OptionSchema(name, type, def, "", required, false, rule, "options");
  }

  private static OptionSchema s(String name) {
    return opt(name, "string", null, false, null);
  }

  private static OptionSchema req(String name) {
    return opt(name, "string", null, true, null);
  }

  private static OptionSchema b(String name) {
    return opt(
        name,
        "bool",
        null,
        false,
        new Rule.Regex("(?i)true|false|yes|no", "expects true or false"));
  }

  private static OptionSchema i(String name, String def) {
    return opt(name, "integer", def, false, new Rule.Range(true, null, null));
  }

  private static OptionSchema t(String name) {
    return opt(
        name,
        "time",
        null,
        false,
        new Rule.Regex("\\d+(\\.\\d+)?[smhd]?", "expects a time such as 10s, 5m or 1h"));
  }

  private static OptionSchema z(String name) {
    return opt(
        name,
        "size",
        null,
        false,
        new Rule.Regex("(?i)\\d+(\\.\\d+)?[kmgt]?b?", "expects a size such as 8m"));
  }

  private static OptionSchema port(String def) {
    return opt("port", "integer", def, false, new Rule.Range(true, 0.0, 65535.0));
  }

  private static OptionSchema e(String name, String def, String... values) {
    return opt(name, "enum", def, false, new Rule.Choice(List.of(values), false));
  }
}
