package dev.flotilla.fluentconfig.yaml;

import dev.flotilla.fluentconfig.ConfigParseException;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.Nesting;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Passes YAML events through and stops at a collection nested deeper than {@link
 * Nesting#MAX_DEPTH}, before the (recursive) composer descends into it. snakeyaml-engine's {@code
 * LoadSettings} has no nesting limit of its own.
 */
final class DepthLimitedParser implements Parser {
  private final String file;
  private final Parser delegate;
  private int depth;

  DepthLimitedParser(String file, Parser delegate) {
    this.file = file;
    this.delegate = delegate;
  }

  @Override
  public boolean checkEvent(Event.ID id) {
    return delegate.checkEvent(id);
  }

  @Override
  public Event peekEvent() {
    return delegate.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return delegate.hasNext();
  }

  @Override
  public Event next() {
    Event e = delegate.next();
    switch (e.getEventId()) {
      case SequenceStart, MappingStart -> {
        if (++depth > Nesting.MAX_DEPTH) {
          Location at =
              e.getStartMark()
                  .map(m -> Location.of(file, m.getLine() + 1, m.getColumn() + 1))
                  .orElse(Location.of(file, 1, 1));
          throw new ConfigParseException(at, Nesting.TOO_DEEP);
        }
      }
      case SequenceEnd, MappingEnd -> depth--;
      default -> {}
    }
    return e;
  }
}
