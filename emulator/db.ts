import Database from 'better-sqlite3'
import { isLegacyHash, wrapLegacyHash } from './passwords'

export type DB = Database.Database

const SCHEMA_VERSION = 4
/** Older versions this emulator migrates in place: 2 (no message counts), 3 (SHA-256 passwords). */
const MIGRATES_FROM = ['2', '3']

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  login TEXT, email TEXT, full_name TEXT, phone TEXT, website TEXT,
  password_hash TEXT,
  external_user_id INTEGER, facebook_id TEXT, blob_id INTEGER,
  custom_data TEXT, user_tags TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_request_at INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS users_login ON users(login COLLATE NOCASE) WHERE login IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users(email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX IF NOT EXISTS users_external ON users(external_user_id) WHERE external_user_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS dialogs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type INTEGER NOT NULL,
  name TEXT, photo TEXT,
  user_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  is_join_required INTEGER,
  class_name TEXT, data TEXT,
  last_message TEXT, last_message_date_sent INTEGER, last_message_id TEXT, last_message_user_id INTEGER
);
-- The default sort. With the type in it, a user's list (public dialogs or their own) is decided
-- from the index alone, without reading each row. Replaces the older index without the type.
DROP INDEX IF EXISTS dialogs_last_message;
CREATE INDEX IF NOT EXISTS dialogs_last_message_type ON dialogs(last_message_date_sent, id, type);
CREATE INDEX IF NOT EXISTS dialogs_updated ON dialogs(updated_at, id);
CREATE INDEX IF NOT EXISTS dialogs_created ON dialogs(created_at, id);
CREATE INDEX IF NOT EXISTS dialogs_type ON dialogs(type, last_message_date_sent);
CREATE INDEX IF NOT EXISTS dialogs_owner ON dialogs(user_id);
-- A user's dialogs are found by id through dialog_occupants; with the type here, counting the
-- non-public ones for a user's list total needs no row reads.
CREATE INDEX IF NOT EXISTS dialogs_id_type ON dialogs(id, type);
CREATE INDEX IF NOT EXISTS dialogs_class ON dialogs(class_name) WHERE class_name IS NOT NULL;

CREATE VIRTUAL TABLE IF NOT EXISTS dialogs_fts USING fts5(name, content='dialogs', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER IF NOT EXISTS dialogs_fts_insert AFTER INSERT ON dialogs BEGIN
  INSERT INTO dialogs_fts(rowid, name) VALUES (new.seq, new.name);
END;
CREATE TRIGGER IF NOT EXISTS dialogs_fts_delete AFTER DELETE ON dialogs BEGIN
  INSERT INTO dialogs_fts(dialogs_fts, rowid, name) VALUES ('delete', old.seq, old.name);
END;
CREATE TRIGGER IF NOT EXISTS dialogs_fts_update AFTER UPDATE OF name ON dialogs BEGIN
  INSERT INTO dialogs_fts(dialogs_fts, rowid, name) VALUES ('delete', old.seq, old.name);
  INSERT INTO dialogs_fts(rowid, name) VALUES (new.seq, new.name);
END;

CREATE TABLE IF NOT EXISTS dialog_occupants (
  dialog_id TEXT NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (dialog_id, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dialog_occupants_user ON dialog_occupants(user_id, dialog_id);

CREATE TABLE IF NOT EXISTS dialog_admins (
  dialog_id TEXT NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (dialog_id, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dialog_admins_user ON dialog_admins(user_id, dialog_id);

CREATE TABLE IF NOT EXISTS dialog_hidden (
  dialog_id TEXT NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (dialog_id, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dialog_hidden_user ON dialog_hidden(user_id, dialog_id);

CREATE TABLE IF NOT EXISTS dialog_notifications (
  dialog_id TEXT NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  PRIMARY KEY (dialog_id, user_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY,
  dialog_id TEXT NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  sender_id INTEGER NOT NULL,
  recipient_id INTEGER NOT NULL DEFAULT 0,
  message TEXT,
  date_sent INTEGER NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  attachments TEXT, custom TEXT,
  markable INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS messages_dialog_date ON messages(dialog_id, date_sent, id);
CREATE INDEX IF NOT EXISTS messages_dialog_sender ON messages(dialog_id, sender_id);

CREATE TABLE IF NOT EXISTS message_reads (
  message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  dialog_id TEXT NOT NULL,
  PRIMARY KEY (message_id, user_id)
) WITHOUT ROWID;
-- Unread counts read dialog_read_counts now, so nothing looks read marks up by user any more.
DROP INDEX IF EXISTS message_reads_user;
CREATE TABLE IF NOT EXISTS message_delivered (
  message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (message_id, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS message_hidden (
  message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (message_id, user_id)
) WITHOUT ROWID;

-- Counts kept by triggers, so an unread count is three key lookups instead of counting a
-- dialog's messages: unread = the dialog's messages - the user's own - those the user has read
-- (read marks only ever name other people's messages). Rows deleted by a foreign-key cascade
-- fire these triggers too. Counts of a deleted dialog are removed with it.
CREATE TABLE IF NOT EXISTS dialog_message_counts (
  dialog_id TEXT NOT NULL,
  sender_id INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (dialog_id, sender_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dialog_read_counts (
  dialog_id TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (dialog_id, user_id)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS messages_count_insert AFTER INSERT ON messages BEGIN
  INSERT INTO dialog_message_counts(dialog_id, sender_id, n) VALUES (new.dialog_id, new.sender_id, 1)
    ON CONFLICT (dialog_id, sender_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS messages_count_delete AFTER DELETE ON messages BEGIN
  UPDATE dialog_message_counts SET n = n - 1 WHERE dialog_id = old.dialog_id AND sender_id = old.sender_id;
END;
CREATE TRIGGER IF NOT EXISTS message_reads_count_insert AFTER INSERT ON message_reads BEGIN
  INSERT INTO dialog_read_counts(dialog_id, user_id, n) VALUES (new.dialog_id, new.user_id, 1)
    ON CONFLICT (dialog_id, user_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS message_reads_count_delete AFTER DELETE ON message_reads BEGIN
  UPDATE dialog_read_counts SET n = n - 1 WHERE dialog_id = old.dialog_id AND user_id = old.user_id;
END;
CREATE TRIGGER IF NOT EXISTS dialogs_counts_delete AFTER DELETE ON dialogs BEGIN
  DELETE FROM dialog_message_counts WHERE dialog_id = old.id;
  DELETE FROM dialog_read_counts WHERE dialog_id = old.id;
END;

-- Content API files (blobs): what message attachments point at. Bytes are kept in the row:
-- the demo files are small, and nothing here uploads large ones.
CREATE TABLE IF NOT EXISTS blobs (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  name TEXT,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  public INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS sessions (
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL DEFAULT 0,
  nonce TEXT NOT NULL, ts INTEGER NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
);
-- Expired sessions are deleted whenever a session is created (routes/session.ts), by this index.
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions(expires_at);
CREATE TABLE IF NOT EXISTS session_nonces (
  ts INTEGER NOT NULL, nonce TEXT NOT NULL, PRIMARY KEY (ts, nonce)
) WITHOUT ROWID;
`

/** Opens (and creates or migrates) the emulator database. */
export function openDatabase(path: string): DB {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  // In WAL mode NORMAL keeps every committed transaction across a process kill; only an OS crash or power loss can lose the last ones.
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.pragma('cache_size = -65536')
  const hasMeta = db.prepare('SELECT 1 FROM sqlite_master WHERE type = \'table\' AND name = \'meta\'').get()
  const version = hasMeta ? (db.prepare('SELECT value FROM meta WHERE key = \'schema_version\'').get() as { value: string } | undefined)?.value : undefined
  if (version !== undefined && version !== String(SCHEMA_VERSION) && !MIGRATES_FROM.includes(version)) {
    db.close()
    throw new Error(`${path} has schema version ${version}, this emulator needs ${SCHEMA_VERSION}: start once with --reset`)
  }
  db.transaction(() => {
    db.exec(SCHEMA)
    // Version 2 had no message counts: the new tables start empty, so count once.
    if (version === '2') recount(db)
    if (version === '2' || version === '3') wrapLegacyPasswords(db)
    db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (\'schema_version\', ?)').run(String(SCHEMA_VERSION))
  })()
  return db
}

/**
 * Versions up to 3 stored salted SHA-256; each such hash is wrapped in scrypt (passwords.ts), so
 * the same passwords log in and no fast hash stays on disk. Equal hashes (a fill gives every user
 * one) are wrapped once.
 */
function wrapLegacyPasswords(db: DB): void {
  const rows = db.prepare('SELECT id, password_hash AS hash FROM users WHERE password_hash IS NOT NULL').all() as { id: number, hash: string }[]
  const update = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?')
  const wrapped = new Map<string, string>()
  for (const { id, hash } of rows) {
    if (!isLegacyHash(hash)) continue
    let next = wrapped.get(hash)
    if (next === undefined) {
      next = wrapLegacyHash(hash)
      wrapped.set(hash, next)
    }
    update.run(next, id)
  }
}

/** Rebuilds the message and read counts from the rows (after a bulk load without the triggers, or a migration). */
export function recount(db: DB): void {
  db.exec(`DELETE FROM dialog_message_counts;
    INSERT INTO dialog_message_counts(dialog_id, sender_id, n) SELECT dialog_id, sender_id, count(*) FROM messages GROUP BY dialog_id, sender_id;
    DELETE FROM dialog_read_counts;
    INSERT INTO dialog_read_counts(dialog_id, user_id, n) SELECT dialog_id, user_id, count(*) FROM message_reads GROUP BY dialog_id, user_id;`)
}

/** Whether the database holds no users and no dialogs (a seed may be applied). */
export function isEmpty(db: DB): boolean {
  const row = db.prepare('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM dialogs) AS n').get() as { n: number }
  return row.n === 0
}

/** Prepared statements cached by their SQL text (and mode: `pluck` and `raw` are modes of a statement). */
export class Statements {
  private readonly cache = new Map<string, Database.Statement>()
  constructor(readonly db: DB) {}

  get(sql: string, mode: 'rows' | 'pluck' | 'raw' = 'rows'): Database.Statement {
    const key = mode === 'rows' ? sql : `${mode}:${sql}`
    let stmt = this.cache.get(key)
    if (!stmt) {
      stmt = this.db.prepare(sql)
      if (mode === 'pluck') stmt.pluck()
      if (mode === 'raw') stmt.raw()
      this.cache.set(key, stmt)
    }
    return stmt
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.get(sql).all(...params) as T[]
  }

  /** The first column of every row, without building a row object each. */
  column<T>(sql: string, ...params: unknown[]): T[] {
    return this.get(sql, 'pluck').all(...params) as T[]
  }

  /** Rows as arrays of column values, in select order. */
  raw<T extends unknown[]>(sql: string, ...params: unknown[]): T[] {
    return this.get(sql, 'raw').all(...params) as T[]
  }

  one<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.get(sql).get(...params) as T | undefined
  }

  run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.get(sql).run(...params)
  }

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }
}

/**
 * Results of recent queries, kept while the database is unchanged: nothing written through this
 * connection since (`total_changes()`, which counts every insert, update and delete, the tests'
 * direct writes included) and nothing committed by another connection (`PRAGMA data_version`).
 * For name searches, whose every page would otherwise search and sort all matches again.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, T>()
  private version = ''

  constructor(private readonly st: Statements, private readonly size = 16) {}

  get(sql: string, params: readonly unknown[], compute: () => T): T {
    const now = this.st.one<{ c: number, v: number }>('SELECT total_changes() AS c, (SELECT data_version FROM pragma_data_version) AS v')!
    const version = `${now.c}:${now.v}`
    if (version !== this.version) {
      this.entries.clear()
      this.version = version
    }
    const key = `${sql}\n${JSON.stringify(params)}`
    let value = this.entries.get(key)
    if (value === undefined) {
      value = compute()
      if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!)
    }
    else {
      this.entries.delete(key)
    }
    this.entries.set(key, value)
    return value
  }
}
