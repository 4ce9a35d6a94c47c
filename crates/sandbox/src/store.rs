//! Enrolled credentials in SQLite, so a restart loses no enrollment.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};

/// One bound credential: the ID, the device key that may log in, and what login compares.
#[derive(Debug, Clone, PartialEq)]
pub struct Credential {
    pub national_id: String,
    pub key_id: String,
    pub jwk_x: String,
    pub jwk_y: String,
    pub password_hash: String,
    /// ROC compact, "0800101".
    pub birth_date: String,
    /// Normalised by `name::validate_name`.
    pub name: String,
}

pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // A missing directory surfaces as SQLite's own "unable to open" error below.
            let _ = std::fs::create_dir_all(dir);
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS credentials (
                national_id   TEXT PRIMARY KEY,
                key_id        TEXT NOT NULL,
                jwk_x         TEXT NOT NULL,
                jwk_y         TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                birth_date    TEXT NOT NULL,
                name          TEXT NOT NULL,
                bound_at      INTEGER NOT NULL
            );",
        )?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Binds the credential, replacing any earlier binding of the same ID.
    pub fn bind(&self, c: &Credential) -> rusqlite::Result<()> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.conn().execute(
            "INSERT INTO credentials (national_id, key_id, jwk_x, jwk_y, password_hash, birth_date, name, bound_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(national_id) DO UPDATE SET key_id = excluded.key_id, jwk_x = excluded.jwk_x,
               jwk_y = excluded.jwk_y, password_hash = excluded.password_hash,
               birth_date = excluded.birth_date, name = excluded.name, bound_at = excluded.bound_at",
            params![c.national_id, c.key_id, c.jwk_x, c.jwk_y, c.password_hash, c.birth_date, c.name, now],
        )?;
        Ok(())
    }

    pub fn get(&self, national_id: &str) -> rusqlite::Result<Option<Credential>> {
        self.conn()
            .query_row(
                "SELECT national_id, key_id, jwk_x, jwk_y, password_hash, birth_date, name
                 FROM credentials WHERE national_id = ?1",
                params![national_id],
                |r| {
                    Ok(Credential {
                        national_id: r.get(0)?,
                        key_id: r.get(1)?,
                        jwk_x: r.get(2)?,
                        jwk_y: r.get(3)?,
                        password_hash: r.get(4)?,
                        birth_date: r.get(5)?,
                        name: r.get(6)?,
                    })
                },
            )
            .optional()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebinding_replaces_and_survives_reopen() {
        let dir = std::env::temp_dir().join(format!("sandbox-store-{}", crate::crypto::token()));
        let path = dir.join("db.sqlite");
        let mut c = Credential {
            national_id: "A123456789".into(),
            key_id: "k1".into(),
            jwk_x: "x".into(),
            jwk_y: "y".into(),
            password_hash: "h".into(),
            birth_date: "0800101".into(),
            name: "王小明".into(),
        };
        Store::open(&path).unwrap().bind(&c).unwrap();
        c.key_id = "k2".into();
        Store::open(&path).unwrap().bind(&c).unwrap();
        let got = Store::open(&path)
            .unwrap()
            .get("A123456789")
            .unwrap()
            .unwrap();
        assert_eq!(got.key_id, "k2");
        assert!(Store::open(&path)
            .unwrap()
            .get("B123456789")
            .unwrap()
            .is_none());
        let _ = std::fs::remove_dir_all(dir);
    }
}
