-- Config versions: immutable, numbered per name, addressed by the OpAMP config hash (hex) of
-- their files. `files` and `lint` are JSON text.
CREATE TABLE config_versions (
    name        VARCHAR(128)  NOT NULL,
    version     INTEGER       NOT NULL,
    hash        VARCHAR(64)   NOT NULL,
    files       TEXT          NOT NULL,
    author      VARCHAR(256)  NOT NULL,
    message     TEXT          NOT NULL,
    created_at  BIGINT        NOT NULL,
    source      VARCHAR(512)  NOT NULL,
    lint        TEXT          NOT NULL,
    PRIMARY KEY (name, version)
);
CREATE INDEX config_versions_by_hash ON config_versions (name, hash);

-- Every version an agent was given, directly or by a rollout; the newest row per agent is its
-- desired config. `outcome`: pending, applied, failed, replaced, timed_out.
CREATE TABLE agent_config_history (
    id            ${autoId},
    instance_uid  VARCHAR(36)   NOT NULL,
    name          VARCHAR(128)  NOT NULL,
    version       INTEGER       NOT NULL,
    hash          VARCHAR(64)   NOT NULL,
    rollout_id    VARCHAR(64),
    assigned_by   VARCHAR(256)  NOT NULL,
    assigned_at   BIGINT        NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    message       TEXT,
    outcome_at    BIGINT
);
CREATE INDEX agent_config_history_by_agent ON agent_config_history (instance_uid, id);

-- Rollouts and their agents. `selector` and `strategy` are JSON text; times are epoch millis.
CREATE TABLE rollouts (
    id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    config         VARCHAR(128)  NOT NULL,
    version        INTEGER       NOT NULL,
    hash           VARCHAR(64)   NOT NULL,
    selector       TEXT          NOT NULL,
    strategy       TEXT          NOT NULL,
    state          VARCHAR(16)   NOT NULL,
    reason         TEXT,
    rollback_of    VARCHAR(64),
    created_by     VARCHAR(256)  NOT NULL,
    created_at     BIGINT        NOT NULL,
    updated_at     BIGINT        NOT NULL,
    current_batch  INTEGER       NOT NULL,
    batch_done_at  BIGINT,
    accepted_failures  INTEGER   NOT NULL
);

CREATE TABLE rollout_agents (
    rollout_id        VARCHAR(64)   NOT NULL,
    instance_uid      VARCHAR(36)   NOT NULL,
    batch             INTEGER       NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    message           TEXT,
    target_name       VARCHAR(128)  NOT NULL,
    target_version    INTEGER       NOT NULL,
    target_hash       VARCHAR(64)   NOT NULL,
    previous_name     VARCHAR(128),
    previous_version  INTEGER,
    offered_at        BIGINT,
    healthy_since     BIGINT,
    updated_at        BIGINT        NOT NULL,
    PRIMARY KEY (rollout_id, instance_uid)
);

-- Who did what to configs and rollouts (agent-level changes stay in agent_events).
CREATE TABLE audit_events (
    id      ${autoId},
    at      BIGINT        NOT NULL,
    actor   VARCHAR(256)  NOT NULL,
    action  VARCHAR(64)   NOT NULL,
    target  VARCHAR(256)  NOT NULL,
    detail  TEXT          NOT NULL
);
