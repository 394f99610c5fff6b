// Numbered schema migrations, applied in order at start inside one transaction each.
// Never edit a migration that has shipped: add the next number.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'events, attendees, sessions, settings',
    sql: `
      CREATE TABLE events (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        code        TEXT NOT NULL UNIQUE,      -- stored upper-case; the unique index serves lookups
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        hot_folder  TEXT
      );

      CREATE TABLE attendees (
        id               TEXT PRIMARY KEY,
        event_id         TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        username         TEXT NOT NULL,         -- as typed, for display
        username_key     TEXT NOT NULL,         -- NFC + lower-case, for uniqueness and login
        email            TEXT,                  -- lower-case
        display_name     TEXT NOT NULL,
        password_hash    TEXT NOT NULL,
        consent_at       INTEGER NOT NULL,
        consent_version  TEXT NOT NULL,
        created_at       INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX attendees_event_username ON attendees(event_id, username_key);
      CREATE UNIQUE INDEX attendees_event_email ON attendees(event_id, email) WHERE email IS NOT NULL;
      CREATE INDEX attendees_username ON attendees(username_key);
      CREATE INDEX attendees_email ON attendees(email) WHERE email IS NOT NULL;

      CREATE TABLE sessions (
        token_hash   BLOB PRIMARY KEY,          -- sha256 of the 256-bit token; the token is never stored
        attendee_id  TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        created_at   INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_attendee ON sessions(attendee_id);
      CREATE INDEX sessions_expiry ON sessions(expires_at);

      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL                    -- JSON
      ) WITHOUT ROWID;
    `,
  },
];
