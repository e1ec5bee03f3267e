package dev.flotilla.server.opamp;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRestartCommand;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsAvailableComponents;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentIdentification;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.AgentToServerFlags;
import dev.flotilla.opamp.proto.CommandType;
import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.ServerCapabilities;
import dev.flotilla.opamp.proto.ServerErrorResponse;
import dev.flotilla.opamp.proto.ServerErrorResponseType;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentCommand;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import dev.flotilla.server.agents.AgentEntry;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentLink;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.Agents;
import dev.flotilla.server.agents.Approvals;
import dev.flotilla.server.agents.Connection;
import dev.flotilla.server.commands.CommandQueue;
import dev.flotilla.server.commands.QueuedCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpAMP server's protocol semantics, independent of transport: answers every AgentToServer,
 * keeps the fleet's state, decides what to offer. Thread-safe; messages of one agent are serialised
 * on that agent's entry.
 */
public final class OpampProcessor {
  private static final Logger log = LoggerFactory.getLogger(OpampProcessor.class);

  /** What this server implements, sent in every reply. */
  public static final long SERVER_CAPABILITIES =
      Capabilities.of(
          ServerCapabilities.ServerCapabilities_AcceptsStatus,
          ServerCapabilities.ServerCapabilities_OffersRemoteConfig,
          ServerCapabilities.ServerCapabilities_AcceptsEffectiveConfig,
          ServerCapabilities.ServerCapabilities_OffersConnectionSettings);

  private final Agents agents;
  private final Approvals approvals;
  private final BooleanSupplier manualApproval;
  private final CommandQueue commands;
  private final CustomCapabilities custom;
  private final Offers offers;
  private final Clock clock;
  private final long maxEffectiveConfigBytes;

  /**
   * @param maxEffectiveConfigBytes what one agent's effective config may hold; a larger one is not
   *     kept
   * @param manualApproval read for every new agent: true makes it wait in the pending list
   * @param heartbeatInterval read on every offer, so a changed setting reaches agents
   */
  public OpampProcessor(
      Agents agents,
      Approvals approvals,
      BooleanSupplier manualApproval,
      CommandQueue commands,
      CustomCapabilities custom,
      Supplier<Duration> heartbeatInterval,
      long maxEffectiveConfigBytes,
      Clock clock) {
    this.agents = agents;
    this.maxEffectiveConfigBytes = maxEffectiveConfigBytes;
    this.approvals = approvals;
    this.manualApproval = manualApproval;
    this.commands = commands;
    this.custom = custom;
    this.offers = new Offers(heartbeatInterval);
    this.clock = clock;
  }

  /**
   * Whether messages under this uid are refused (an operator blocked the agent). Transports check
   * this first and refuse at their level: HTTP 403, WebSocket error and close 1008.
   */
  public boolean isBlocked(AgentToServer msg) {
    try {
      return approvals.isBlocked(InstanceUid.fromBytes(msg.getInstanceUid()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The reply a blocked agent gets: BadRequest, so that it does not retry. */
  public static ServerToAgent blocked(ByteString uid) {
    return badRequest(uid, "this agent is blocked by an operator");
  }

  /**
   * Handles one message and returns what to send back: the reply first, then (WebSocket only)
   * follow-up messages such as a restart command, which must travel alone.
   */
  public List<ServerToAgent> process(AgentToServer msg, AgentLink link) {
    InstanceUid uid;
    try {
      uid = InstanceUid.fromBytes(msg.getInstanceUid());
    } catch (IllegalArgumentException e) {
      return List.of(badRequest(msg.getInstanceUid(), e.getMessage()));
    }
    AgentEntry existing = agents.get(uid);
    boolean requested =
        (msg.getFlags() & AgentToServerFlags.AgentToServerFlags_RequestInstanceUid_VALUE) != 0;
    if (existing != null && isDuplicate(existing, link)) {
      InstanceUid fresh = InstanceUid.newV7(clock);
      log.warn(
          "instance uid {} is already connected from {}; assigning {} to the newcomer at {}",
          uid,
          existing.link() == null ? "?" : existing.link().remoteAddress(),
          fresh,
          link.remoteAddress());
      if (manualApproval.getAsBoolean()) {
        approvals.markPending(fresh);
      }
      return handle(agents.getOrCreate(fresh), msg, link, true, fresh);
    }
    if (requested) {
      InstanceUid fresh = InstanceUid.newV7(clock);
      if (existing != null) {
        rename(uid, fresh);
      } else if (manualApproval.getAsBoolean()) {
        approvals.markPending(fresh);
      }
      return handle(agents.getOrCreate(fresh), msg, link, existing == null, fresh);
    }
    if (existing != null) {
      return handle(existing, msg, link, false, null);
    }
    if (manualApproval.getAsBoolean()) {
      approvals.markPending(uid);
    }
    return handle(agents.getOrCreate(uid), msg, link, true, null);
  }

  /** The link closed (WebSocket close or error): the agent is disconnected unless it moved on. */
  public void linkClosed(InstanceUid uid, AgentLink link, String why) {
    AgentEntry entry = agents.get(uid);
    if (entry == null) {
      return;
    }
    synchronized (entry) {
      if (entry.link() != link) {
        return;
      }
      markDisconnected(entry, why);
    }
  }

  /** Marks the agent disconnected (liveness timeout or close). The caller holds the lock. */
  public void markDisconnected(AgentEntry entry, String why) {
    AgentRecord r = entry.record();
    setLink(entry, null);
    if (r.connection() == null || !r.connection().connected()) {
      return;
    }
    agents.update(
        entry, x -> x.toBuilder().connection(x.connection().disconnected()).build(), true);
    agents.event(
        AgentEvent.of(r.instanceUid(), clock.instant(), AgentEvent.DISCONNECTED, why, Map.of()));
  }

  /**
   * Pushes whatever is due (new remote config, queued commands) to a WebSocket agent now. HTTP
   * agents get it on their next poll.
   */
  public void offerNow(InstanceUid uid) {
    AgentEntry entry = agents.get(uid);
    if (entry == null) {
      return;
    }
    List<ServerToAgent> out = new ArrayList<>();
    AgentLink link;
    synchronized (entry) {
      link = entry.link();
      if (link == null || !link.isOpen()) {
        return;
      }
      ServerToAgent.Builder msg = base(uid.toByteString());
      boolean renamed = moveToPendingUid(entry, msg, clock.instant());
      boolean offered = false;
      if (!approvals.isPending(entry.record().instanceUid())) {
        offered = offers.addTo(msg, entry, entry.record(), custom.names());
        addCommand(msg, entry, link, out);
      }
      if (renamed || offered || msg.hasCustomMessage()) {
        out.addFirst(msg.build());
      }
    }
    out.forEach(link::push);
  }

  private List<ServerToAgent> handle(
      AgentEntry entry,
      AgentToServer msg,
      AgentLink link,
      boolean firstContact,
      InstanceUid newUid) {
    Instant now = clock.instant();
    ServerToAgent.Builder reply = base(msg.getInstanceUid());
    List<ServerToAgent> followUps = new ArrayList<>();
    CustomMessage customIn = null;
    synchronized (entry) {
      AgentRecord before = entry.record();
      InstanceUid uid = before.instanceUid();
      boolean gap = firstContact || msg.getSequenceNum() != before.sequenceNum() + 1;
      boolean stateless =
          before.description().getSerializedSize() == 0 && !msg.hasAgentDescription();
      boolean needFull = (gap || stateless) && !StatusMerge.isComplete(msg);
      StatusMerge.Result merged =
          StatusMerge.merge(before, msg, firstContact, now, maxEffectiveConfigBytes);
      List<AgentEvent> events = new ArrayList<>(merged.events());

      Connection conn = before.connection();
      boolean continuing =
          conn != null
              && conn.connected()
              && conn.transport().equals(link.transport())
              && (Connection.HTTP.equals(link.transport()) || entry.link() == link);
      boolean significant = merged.significant();
      if (continuing) {
        conn =
            new Connection(
                conn.transport(), link.remoteAddress(), conn.connectedSince(), now, true);
      } else {
        conn = new Connection(link.transport(), link.remoteAddress(), now, now, true);
        entry.resetOffers();
        significant = true;
        events.addFirst(
            AgentEvent.of(
                uid,
                now,
                AgentEvent.CONNECTED,
                "connected over " + link.transport() + " from " + link.remoteAddress(),
                Map.of("transport", link.transport())));
      }
      if (gap && !firstContact) {
        entry.resetOffers();
      }
      setLink(entry, Connection.WEBSOCKET.equals(link.transport()) ? link : null);
      if (newUid != null) {
        events.add(
            AgentEvent.of(
                uid,
                now,
                AgentEvent.INSTANCE_UID_CHANGED,
                "server assigned instance uid " + newUid,
                Map.of("previous", safeUid(msg.getInstanceUid()))));
        reply.setAgentIdentification(
            AgentIdentification.newBuilder().setNewInstanceUid(newUid.toByteString()));
      }
      boolean goodbye = msg.hasAgentDisconnect();
      if (goodbye) {
        conn = conn.disconnected();
        setLink(entry, null);
        significant = true;
        events.add(
            AgentEvent.of(uid, now, AgentEvent.DISCONNECTED, "agent disconnected", Map.of()));
      }
      Connection finalConn = conn;
      AgentRecord after =
          agents.update(
              entry, r -> merged.record().toBuilder().connection(finalConn).build(), significant);
      if (merged.restarted()) {
        acknowledged(events, commands.acknowledge(uid, QueuedCommand.RESTART, null), now);
      }
      if (msg.hasCustomMessage()) {
        customIn = msg.getCustomMessage();
        acknowledged(
            events, commands.acknowledge(uid, QueuedCommand.CUSTOM, customIn.getCapability()), now);
      }
      events.forEach(agents::event);

      if (needFull) {
        reply.setFlags(
            reply.getFlags() | ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE);
      }
      if (wantsComponents(msg, before)) {
        reply.setFlags(
            reply.getFlags()
                | ServerToAgentFlags.ServerToAgentFlags_ReportAvailableComponents_VALUE);
      }
      if (newUid == null && moveToPendingUid(entry, reply, now)) {
        newUid = entry.record().instanceUid();
      }
      if (!goodbye && !approvals.isPending(entry.record().instanceUid())) {
        boolean offered = offers.addTo(reply, entry, after, custom.names());
        boolean plain = !offered && reply.getFlags() == 0 && newUid == null;
        if (Connection.WEBSOCKET.equals(link.transport()) || plain) {
          addCommand(reply, entry, link, followUps);
        }
      }
    }
    if (customIn != null) {
      CustomMessage answer = custom.route(entry.record().instanceUid(), customIn);
      if (answer != null && !reply.hasCustomMessage()) {
        reply.setCustomMessage(answer);
      }
    }
    List<ServerToAgent> out = new ArrayList<>(1 + followUps.size());
    out.add(reply.build());
    out.addAll(followUps);
    return out;
  }

  /**
   * The one way an agent changes uid: its row, history, queued commands and approval move together
   * (the store moves them in one transaction), so a pending agent stays pending under the new uid.
   */
  private void rename(InstanceUid from, InstanceUid to) {
    approvals.rename(from, to);
    agents.rename(from, to);
    commands.rename(from, to);
  }

  /**
   * Moves the agent to the uid an operator asked for, if any, and says so in {@code msg}. The
   * caller holds the entry's lock.
   */
  private boolean moveToPendingUid(AgentEntry entry, ServerToAgent.Builder msg, Instant now) {
    InstanceUid to = entry.pendingNewUid;
    if (to == null) {
      return false;
    }
    entry.pendingNewUid = null;
    InstanceUid from = entry.record().instanceUid();
    rename(from, to);
    msg.setAgentIdentification(
        AgentIdentification.newBuilder().setNewInstanceUid(to.toByteString()));
    agents.event(
        AgentEvent.of(
            to,
            now,
            AgentEvent.INSTANCE_UID_CHANGED,
            "new instance uid issued by an operator",
            Map.of("previous", from.toString())));
    return true;
  }

  /**
   * Delivers the oldest queued command, if the agent can take it. A restart command travels alone:
   * over WebSocket as a follow-up; over HTTP it replaces an otherwise empty reply.
   */
  private boolean addCommand(
      ServerToAgent.Builder reply,
      AgentEntry entry,
      AgentLink link,
      List<ServerToAgent> followUps) {
    AgentRecord agent = entry.record();
    QueuedCommand cmd = commands.peek(agent.instanceUid());
    if (cmd == null) {
      return false;
    }
    Instant now = clock.instant();
    if (QueuedCommand.RESTART.equals(cmd.kind())) {
      if (!Capabilities.has(agent.capabilities(), AgentCapabilities_AcceptsRestartCommand)) {
        fail(cmd, "the agent does not accept restart commands", now);
        return false;
      }
      ServerToAgent command =
          base(reply.getInstanceUid())
              .setCommand(
                  ServerToAgentCommand.newBuilder().setType(CommandType.CommandType_Restart))
              .build();
      if (Connection.WEBSOCKET.equals(link.transport())) {
        followUps.add(command);
      } else {
        reply.clear().mergeFrom(command);
      }
    } else {
      if (!agent.customCapabilities().getCapabilitiesList().contains(cmd.capability())) {
        fail(cmd, "the agent does not advertise custom capability " + cmd.capability(), now);
        return false;
      }
      if (reply.hasCustomMessage()) {
        return false;
      }
      reply.setCustomMessage(
          CustomMessage.newBuilder()
              .setCapability(cmd.capability())
              .setType(cmd.type() == null ? "" : cmd.type())
              .setData(ByteString.copyFrom(cmd.data() == null ? new byte[0] : cmd.data())));
    }
    commands.sent(cmd);
    agents.event(
        AgentEvent.of(
            agent.instanceUid(),
            now,
            AgentEvent.COMMAND_SENT,
            cmd.kind() + " command sent",
            Map.of("commandId", Long.toString(cmd.id()))));
    return true;
  }

  private void fail(QueuedCommand cmd, String reason, Instant now) {
    commands.failed(cmd, reason);
    agents.event(
        AgentEvent.of(
            cmd.instanceUid(),
            now,
            AgentEvent.COMMAND_SENT,
            cmd.kind() + " command not delivered: " + reason,
            Map.of("commandId", Long.toString(cmd.id()), "status", QueuedCommand.FAILED)));
  }

  private static void acknowledged(
      List<AgentEvent> events, List<QueuedCommand> acked, Instant now) {
    for (QueuedCommand c : acked) {
      events.add(
          AgentEvent.of(
              c.instanceUid(),
              now,
              AgentEvent.COMMAND_ACKNOWLEDGED,
              c.kind() + " command acknowledged",
              Map.of("commandId", Long.toString(c.id()))));
    }
  }

  private static boolean wantsComponents(AgentToServer msg, AgentRecord before) {
    return msg.hasAvailableComponents()
        && Capabilities.has(msg.getCapabilities(), AgentCapabilities_ReportsAvailableComponents)
        && msg.getAvailableComponents().getComponentsCount() == 0
        && !msg.getAvailableComponents().getHash().equals(before.availableComponents().getHash());
  }

  private static boolean isDuplicate(AgentEntry existing, AgentLink link) {
    synchronized (existing) {
      AgentLink current = existing.link();
      return Connection.WEBSOCKET.equals(link.transport())
          && current != null
          && current != link
          && current.isOpen();
    }
  }

  private static void setLink(AgentEntry entry, AgentLink link) {
    entry.link(link);
  }

  private static ServerToAgent.Builder base(ByteString uid) {
    return ServerToAgent.newBuilder().setInstanceUid(uid).setCapabilities(SERVER_CAPABILITIES);
  }

  /** A BadRequest reply: error_response and the uid, nothing else. */
  public static ServerToAgent badRequest(ByteString uid, String message) {
    return ServerToAgent.newBuilder()
        .setInstanceUid(uid)
        .setErrorResponse(
            ServerErrorResponse.newBuilder()
                .setType(ServerErrorResponseType.ServerErrorResponseType_BadRequest)
                .setErrorMessage(message))
        .build();
  }

  private static String safeUid(ByteString bytes) {
    try {
      return InstanceUid.fromBytes(bytes).toString();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
