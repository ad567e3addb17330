-- The sandbox's shared clock: every instance on the database follows this row (one row, id 1).
-- verdi_us is the offset from the real clock for a running clock, the instant itself for a
-- frozen one.
CREATE TABLE sandbox_klokke (
    id INTEGER PRIMARY KEY,
    verdi_us BIGINT NOT NULL,
    frossen INTEGER NOT NULL,
    endret_us BIGINT NOT NULL
);

-- Named states of the sandbox (PUT /sandbox/v1/tilstander/{navn}): each data table is copied to
-- tilstand_<nr>_<table> when saved and copied back when restored.
CREATE TABLE sandbox_tilstand (
    navn TEXT PRIMARY KEY,
    nr BIGINT NOT NULL UNIQUE,
    lagret_us BIGINT NOT NULL,
    rader BIGINT NOT NULL
);
