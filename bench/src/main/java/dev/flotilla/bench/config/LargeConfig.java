package dev.flotilla.bench.config;

/** Generates realistic Fluent Bit classic configs of a given size for benchmarks. */
final class LargeConfig {
  private LargeConfig() {}

  /**
   * A config of about {@code lines} lines: a service block, then tail → modify/grep → http sets.
   */
  static String classic(int lines) {
    StringBuilder sb = new StringBuilder();
    sb.append("# config_version: 1\n# config_type: fluent-bit-classic\n\n");
    sb.append(
        "[SERVICE]\n    Flush        1\n    Log_Level    info\n    Parsers_File parsers.conf\n");
    sb.append(
        "    HTTP_Server  On\n"
            + "    HTTP_Listen  127.0.0.1\n"
            + "    HTTP_Port    2020\n"
            + "    Hot_Reload   On\n\n");
    int i = 0;
    while (count(sb) < lines) {
      sb.append("# application ").append(i).append('\n');
      sb.append("[INPUT]\n    Name             tail\n    Tag              app.")
          .append(i)
          .append(".*\n");
      sb.append("    Path             /var/log/app").append(i).append("/*.log\n");
      sb.append("    Parser           json_logs\n    DB               /var/lib/fluent-bit/app")
          .append(i)
          .append(".db\n");
      sb.append("    Mem_Buf_Limit    5MB\n    Refresh_Interval 10\n    Skip_Long_Lines  On\n\n");
      if (i % 10 == 0) {
        sb.append("[INPUT]\n    Name   forward\n    Listen 127.0.0.1\n    Port   ")
            .append(24000 + i)
            .append("\n    Tag    fwd.")
            .append(i)
            .append("\n\n");
      }
      sb.append("[FILTER]\n    Name   modify\n    Match  app.").append(i).append(".*\n");
      sb.append("    Add    team team")
          .append(i)
          .append("\n    Add    env prod\n    Rename level severity\n\n");
      sb.append("[FILTER]\n    Name  grep\n    Match app.")
          .append(i)
          .append(".*\n    Regex severity (info|warn|error)\n\n");
      sb.append("[OUTPUT]\n    Name        http\n    Match       app.").append(i).append(".*\n");
      sb.append("    Host        collector")
          .append(i % 7)
          .append(".internal\n    Port        8443\n    URI         /ingest\n");
      sb.append("    Format      json_lines\n    Header      X-Team team")
          .append(i)
          .append("\n    Header      X-Env prod\n");
      sb.append("    tls         On\n    tls.verify  On\n    Retry_Limit 5\n\n");
      i++;
    }
    return sb.toString();
  }

  static String parsers() {
    return "[PARSER]\n"
        + "    Name        json_logs\n"
        + "    Format      json\n"
        + "    Time_Key    time\n"
        + "    Time_Format %Y-%m-%dT%H:%M:%S.%L\n";
  }

  private static int count(StringBuilder sb) {
    int n = 0;
    for (int i = 0; i < sb.length(); i++) {
      if (sb.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
