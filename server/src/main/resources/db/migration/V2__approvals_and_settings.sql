-- Operator decisions about agents that are not simply approved: 'pending' (waiting for an
-- operator, approval mode manual) or 'blocked' (refused on both transports). No row means
-- approved. Kept apart from `agents` so that a blocked agent stays blocked when it is forgotten.
CREATE TABLE agent_approvals (
    instance_uid  VARCHAR(36)  NOT NULL PRIMARY KEY,
    state         VARCHAR(16)  NOT NULL,
    updated_at    BIGINT       NOT NULL
);

-- Settings an admin changes at run time (heartbeat interval, approval mode, ...); they win
-- over the command line and config file.
CREATE TABLE server_settings (
    name   VARCHAR(64)  NOT NULL PRIMARY KEY,
    value  TEXT         NOT NULL
);
