-- Fleet state. One script for SQLite and PostgreSQL: BYTEA has no meaning to SQLite but its
-- columns still hold the bytes as BLOBs; ${autoId} is the only dialect difference (an
-- auto-assigned, never reused BIGINT primary key), filled in by JdbcFleetStore.
-- Times are epoch milliseconds (UTC); instance uids are canonical 36-character UUID strings;
-- protocol parts are serialized protobuf messages; labels and details are JSON objects.

CREATE TABLE agents (
    instance_uid          VARCHAR(36)  NOT NULL PRIMARY KEY,
    sequence_num          BIGINT       NOT NULL,
    capabilities          BIGINT       NOT NULL,
    description           BYTEA        NOT NULL,
    health                BYTEA        NOT NULL,
    effective_config      BYTEA        NOT NULL,
    remote_config_status  BYTEA        NOT NULL,
    custom_capabilities   BYTEA        NOT NULL,
    available_components  BYTEA        NOT NULL,
    labels                TEXT         NOT NULL,
    remote_config         BYTEA        NOT NULL,
    -- connection columns are all null for an agent that never connected
    transport             VARCHAR(16),
    remote_address        TEXT,
    connected_since       BIGINT,
    last_seen             BIGINT,
    connected             BOOLEAN,
    first_seen            BIGINT       NOT NULL,
    version               BIGINT       NOT NULL
);

CREATE TABLE agent_events (
    id            ${autoId},
    instance_uid  VARCHAR(36)  NOT NULL,
    occurred_at   BIGINT       NOT NULL,
    event_type    VARCHAR(64)  NOT NULL,
    message       TEXT         NOT NULL,
    details       TEXT         NOT NULL
);

-- history of one agent, newest first, paged by id
CREATE INDEX agent_events_by_agent ON agent_events (instance_uid, id);

CREATE TABLE agent_commands (
    id            ${autoId},
    instance_uid  VARCHAR(36)  NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    capability    TEXT,
    command_type  TEXT,
    data          BYTEA,
    status        VARCHAR(16)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT,
    error         TEXT
);

-- an agent's commands, newest first
CREATE INDEX agent_commands_by_agent ON agent_commands (instance_uid, id);
-- pending (queued) commands, oldest first
CREATE INDEX agent_commands_by_status ON agent_commands (status, id);
