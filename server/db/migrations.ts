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
  {
    version: 2,
    name: 'photos, faces, selfies, matches, jobs',
    sql: `
      CREATE TABLE photos (
        id            TEXT PRIMARY KEY,
        event_id      TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        file_name     TEXT NOT NULL,             -- the name it arrived with (display only)
        sha256        TEXT NOT NULL,
        ext           TEXT NOT NULL,             -- of the stored original: originals/<id><ext>
        byte_size     INTEGER NOT NULL,
        width         INTEGER,
        height        INTEGER,
        status        TEXT NOT NULL,             -- queued | processing | done | no_faces | failed
        error         TEXT,
        face_count    INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL,
        processed_at  INTEGER
      );
      CREATE UNIQUE INDEX photos_event_hash ON photos(event_id, sha256);
      CREATE INDEX photos_event_status ON photos(event_id, status, created_at);
      CREATE INDEX photos_event_created ON photos(event_id, created_at);

      CREATE TABLE photo_faces (
        photo_id    TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        face_index  INTEGER NOT NULL,
        event_id    TEXT NOT NULL,
        box         TEXT NOT NULL,               -- JSON {x, y, width, height} in original pixels
        score       REAL NOT NULL,
        descriptor  BLOB NOT NULL,               -- 128 float32
        PRIMARY KEY (photo_id, face_index)
      ) WITHOUT ROWID;
      CREATE INDEX photo_faces_event ON photo_faces(event_id);

      CREATE TABLE selfies (
        id            TEXT PRIMARY KEY,
        attendee_id   TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        event_id      TEXT NOT NULL,
        status        TEXT NOT NULL,             -- processing | accepted | rejected
        reason        TEXT,
        descriptor    BLOB,
        created_at    INTEGER NOT NULL,
        processed_at  INTEGER
      );
      CREATE INDEX selfies_attendee ON selfies(attendee_id, created_at);
      CREATE INDEX selfies_event_status ON selfies(event_id, status);

      CREATE TABLE matches (
        photo_id     TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        attendee_id  TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        event_id     TEXT NOT NULL,
        face_index   INTEGER NOT NULL,
        distance     REAL NOT NULL,
        matched_at   INTEGER NOT NULL,
        PRIMARY KEY (photo_id, attendee_id)
      ) WITHOUT ROWID;
      CREATE INDEX matches_attendee ON matches(attendee_id, matched_at DESC, photo_id DESC);

      -- "This isn't me": the pair is never matched again.
      CREATE TABLE match_rejections (
        photo_id     TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        attendee_id  TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        PRIMARY KEY (photo_id, attendee_id)
      ) WITHOUT ROWID;

      CREATE TABLE jobs (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL,             -- selfie | photo
        ref_id        TEXT NOT NULL,             -- selfies.id or photos.id
        priority      INTEGER NOT NULL,          -- lower runs first: selfies before photos
        state         TEXT NOT NULL,             -- queued | running | done | failed
        attempts      INTEGER NOT NULL DEFAULT 0,
        max_attempts  INTEGER NOT NULL,
        run_after     INTEGER NOT NULL,
        lease_until   INTEGER,
        error         TEXT,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX jobs_ref ON jobs(kind, ref_id);
      CREATE INDEX jobs_ready ON jobs(state, priority, run_after, id);
    `,
  },
  {
    version: 3,
    name: 'rekognition face ids and collections',
    sql: `
      -- The Rekognition FaceId of a face found by that engine (its descriptor is then an empty BLOB:
      -- Rekognition keeps the vector). NULL for faces found by the local engine.
      ALTER TABLE photo_faces ADD COLUMN rekognition_face_id TEXT;
      ALTER TABLE selfies ADD COLUMN rekognition_face_id TEXT;
      CREATE INDEX photo_faces_rekognition ON photo_faces(rekognition_face_id) WHERE rekognition_face_id IS NOT NULL;

      -- Collections made in AWS, one per event; no foreign key: the row outlives a purged event
      -- until its collection has been deleted in AWS.
      CREATE TABLE rekognition_collections (
        event_id       TEXT PRIMARY KEY,
        collection_id  TEXT NOT NULL,
        created_at     INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'face models, held selfies',
    sql: `
      -- Which model made each descriptor: descriptors of different models are never compared,
      -- and when the model changes the event's photos and selfies are described again.
      ALTER TABLE photo_faces ADD COLUMN model TEXT NOT NULL DEFAULT '';
      ALTER TABLE photos ADD COLUMN model TEXT;     -- the model that last looked for its faces
      ALTER TABLE selfies ADD COLUMN model TEXT;
      UPDATE photo_faces SET model = CASE WHEN rekognition_face_id IS NULL THEN 'faceapi-resnet128' ELSE 'rekognition' END;
      UPDATE photos SET model = CASE
        WHEN EXISTS (SELECT 1 FROM photo_faces f WHERE f.photo_id = photos.id AND f.rekognition_face_id IS NOT NULL) THEN 'rekognition'
        ELSE 'faceapi-resnet128' END
        WHERE status IN ('done', 'no_faces');
      UPDATE selfies SET model = CASE WHEN rekognition_face_id IS NOT NULL THEN 'rekognition' ELSE 'faceapi-resnet128' END
        WHERE status = 'accepted';
      CREATE INDEX photos_model ON photos(event_id, model) WHERE status IN ('done', 'no_faces');

      -- One face, one account: a selfie that looks like another attendee's accepted selfie is
      -- held (status 'held') for the operator; held_for is that other attendee.
      ALTER TABLE selfies ADD COLUMN held_for TEXT;
    `,
  },
  {
    version: 5,
    name: 'ftp accounts',
    sql: `
      -- The FTP receiver's account of each event: the user and password a photographer types into
      -- the camera (shown on the dashboard, so kept as typed), and whether FTP is on for the event.
      CREATE TABLE ftp_accounts (
        event_id    TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        username    TEXT NOT NULL UNIQUE,
        password    TEXT NOT NULL,
        enabled     INTEGER NOT NULL DEFAULT 0,
        created_at  INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'password reset codes, registration switch',
    sql: `
      -- Whether attendees may still create accounts at the event (logging in always works).
      ALTER TABLE events ADD COLUMN registration_open INTEGER NOT NULL DEFAULT 1;

      -- The one-time code the operator gives an attendee who forgot their password: one per
      -- attendee (a new code replaces the older), only its sha256 kept, deleted when used.
      CREATE TABLE reset_codes (
        attendee_id  TEXT PRIMARY KEY REFERENCES attendees(id) ON DELETE CASCADE,
        code_hash    BLOB NOT NULL UNIQUE,
        created_at   INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    name: 'refused files, recent matches by event',
    sql: `
      -- Files a way in refused (not an image, empty, a GIF, too large…): kept for the dashboard's
      -- Problems list until dismissed; the newest 500 of each event (refused-files-repo prunes).
      CREATE TABLE refused_files (
        id          INTEGER PRIMARY KEY,
        event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        file_name   TEXT NOT NULL,
        source      TEXT NOT NULL,             -- upload | import | hot_folder | ftp
        reason      TEXT NOT NULL,             -- a stable code, words in the dashboard's i18n
        detail      TEXT,
        created_at  INTEGER NOT NULL
      );
      CREATE INDEX refused_files_event ON refused_files(event_id, id);
      -- The Live page's match feed, seeded after a reload from the event's newest matches.
      CREATE INDEX matches_event_time ON matches(event_id, matched_at DESC);
    `,
  },
  {
    version: 8,
    name: 'matches given by the operator',
    sql: `
      -- A face the operator gave to an attendee on the photo's page: automatic matching never
      -- gives that face to anyone else, and the row's distance (0) means nothing.
      ALTER TABLE matches ADD COLUMN by_operator INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX matches_photo_face ON matches(photo_id, face_index);
    `,
  },
  {
    version: 9,
    name: 'photo wall',
    sql: `
      -- The live photo wall of an event: on while it has a row; the key is the secret part of the
      -- wall's address (turning the wall off deletes the row, so an old address stops working).
      CREATE TABLE walls (
        event_id    TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        wall_key    TEXT NOT NULL UNIQUE,
        enabled_at  INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- The operator's decision on each photo (no row: not looked at yet), and the block that
      -- keeps it off the wall for good: an attendee in it deleted their account or said "not me".
      CREATE TABLE wall_photos (
        photo_id     TEXT PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
        event_id     TEXT NOT NULL,
        approved_at  INTEGER,
        hidden_at    INTEGER,
        blocked      TEXT,                       -- account_deleted | not_me
        blocked_at   INTEGER
      ) WITHOUT ROWID;
      CREATE INDEX wall_photos_approved ON wall_photos(event_id, approved_at) WHERE approved_at IS NOT NULL AND blocked IS NULL;
      INSERT OR IGNORE INTO wall_photos (photo_id, event_id, blocked, blocked_at)
        SELECT r.photo_id, p.event_id, 'not_me', 0 FROM match_rejections r JOIN photos p ON p.id = r.photo_id;
    `,
  },
  {
    version: 10,
    name: 'event branding',
    sql: `
      -- Each event's poster and phone branding: one accent colour (#rrggbb), the venue Wi-Fi shown
      -- on the poster (its password is printed for attendees, so kept as typed), and the logo's
      -- sha256 prefix: the logo file is <event>/branding/logo-<hash>.png, NULL when there is none.
      CREATE TABLE event_branding (
        event_id       TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        accent_color   TEXT,
        wifi_ssid      TEXT,
        wifi_password  TEXT,
        wifi_security  TEXT,                    -- WPA | WEP | nopass
        wifi_hidden    INTEGER NOT NULL DEFAULT 0,
        logo_hash      TEXT,
        updated_at     INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 11,
    name: 'deleted photos remembered',
    sql: `
      -- The fingerprint of each photo the operator deleted: the hot folder, an import or a camera
      -- sending the same bytes again does not bring it back (nor its faces into galleries).
      CREATE TABLE deleted_photos (
        event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        sha256      TEXT NOT NULL,
        deleted_at  INTEGER NOT NULL,
        PRIMARY KEY (event_id, sha256)
      ) WITHOUT ROWID;
    `,
  },
];
