package dev.flotilla.fluentconfig.lint;

import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.model.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds two listeners on the same protocol, address and port. */
final class Listeners {
  private static final Map<String, Integer> FLUENT_BIT_PORTS =
      Map.ofEntries(
          Map.entry("forward", 24224),
          Map.entry("http", 9880),
          Map.entry("syslog", 5140),
          Map.entry("tcp", 5170),
          Map.entry("udp", 5170),
          Map.entry("opentelemetry", 4318),
          Map.entry("splunk", 8088),
          Map.entry("elasticsearch", 9200),
          Map.entry("statsd", 8125),
          Map.entry("collectd", 25826),
          Map.entry("mqtt", 1883),
          Map.entry("prometheus_remote_write", 8080));
  private static final Set<String> UDP = Set.of("udp", "statsd", "collectd");
  private static final Map<String, Integer> FLUENTD_PORTS =
      Map.of(
          "forward",
          24224,
          "http",
          9880,
          "monitor_agent",
          24220,
          "syslog",
          5140,
          "tcp",
          5170,
          "udp",
          5160);

  private record Listener(
      String protocol, String address, String port, String what, Location location, String path) {}

  private final Reporter out;
  private final List<Listener> seen = new ArrayList<>();

  Listeners(Reporter out) {
    this.out = out;
  }

  void fluentBit(List<Section> all) {
    for (Section s : all) {
      String name = s.value("name").orElse("").toLowerCase(Locale.ROOT);
      if (s.kind().equals("service")) {
        String on = s.value("http_server").orElse("off").toLowerCase(Locale.ROOT);
        if (Set.of("on", "true", "yes", "1").contains(on)) {
          add(
              "tcp",
              s.value("http_listen").orElse("0.0.0.0"),
              s.value("http_port").orElse("2020"),
              "HTTP monitoring server",
              s);
        }
      } else if (s.kind().equals("input")
          && (FLUENT_BIT_PORTS.containsKey(name) || s.property("port").isPresent())) {
        String protocol =
            UDP.contains(name) || s.value("mode").orElse("").equalsIgnoreCase("udp")
                ? "udp"
                : "tcp";
        if (name.equals("syslog") && s.value("mode").orElse("unix_udp").startsWith("unix")) {
          continue;
        }
        String port =
            s.value("port").orElse(String.valueOf(FLUENT_BIT_PORTS.getOrDefault(name, 0)));
        add(protocol, s.value("listen").orElse("0.0.0.0"), port, "input '" + name + "'", s);
      } else if (s.kind().equals("output") && name.equals("prometheus_exporter")) {
        add(
            "tcp",
            s.value("host").orElse("0.0.0.0"),
            s.value("port").orElse("2021"),
            "output 'prometheus_exporter'",
            s);
      }
    }
  }

  void fluentd(List<Section> all) {
    for (Section s : all) {
      String type = s.value("@type").orElse("");
      if (s.kind().equals("source") && FLUENTD_PORTS.containsKey(type)) {
        String protocol =
            type.equals("udp")
                    || (type.equals("syslog")
                        && !s.value("protocol_type").orElse("udp").equals("tcp"))
                ? "udp"
                : "tcp";
        add(
            protocol,
            s.value("bind").orElse("0.0.0.0"),
            s.value("port").orElse(String.valueOf(FLUENTD_PORTS.get(type))),
            "source '" + type + "'",
            s);
      }
    }
  }

  private void add(String protocol, String address, String port, String what, Section s) {
    if (address.contains("${") || port.contains("${") || port.contains("#{") || port.equals("0")) {
      return;
    }
    Listener l =
        new Listener(protocol, address.strip(), port.strip(), what, s.location(), s.path());
    Optional<Listener> clash = seen.stream().filter(o -> clashes(o, l)).findFirst();
    if (clash.isPresent()) {
      Listener o = clash.get();
      out.add(
          Severity.ERROR,
          "port-conflict",
          what
              + " listens on "
              + l.address()
              + ":"
              + l.port()
              + "/"
              + protocol
              + ", already used by "
              + o.what()
              + " at "
              + o.location(),
          s.location(),
          s.path());
    }
    seen.add(l);
  }

  private static boolean clashes(Listener a, Listener b) {
    if (!a.protocol().equals(b.protocol()) || !a.port().equals(b.port())) {
      return false;
    }
    return a.address().equals(b.address()) || any(a.address()) || any(b.address());
  }

  private static boolean any(String address) {
    return address.equals("0.0.0.0")
        || address.equals("::")
        || address.equals("[::]")
        || address.isEmpty();
  }
}
