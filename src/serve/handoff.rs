//! The hand-off file a server leaves in the folder of the store it holds, so
//! that `innograph ingest` into that store finds the server and its secret.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The file in a served store's folder that tells `ingest` where the server is.
pub const HANDOFF_FILE: &str = "serve.json";

/// A random secret: 128 bits from the OS's randomness (via the hasher's keys
/// and the clock, which std exposes without a crate).
pub(super) fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::new();
    for i in 0..2u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        h.write_u32(std::process::id());
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// Writes the hand-off file (readable by its owner only) and removes it when dropped.
pub(super) struct Handoff(Option<PathBuf>);

impl Handoff {
    pub(super) fn write(store: Option<&Path>, url: &str, token: &str) -> Result<Handoff> {
        let Some(dir) = store else {
            return Ok(Handoff(None));
        };
        let path = dir.join(HANDOFF_FILE);
        let body = serde_json::json!({ "url": url, "token": token, "pid": std::process::id() });
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let write = |f: &mut std::fs::File| {
            use std::io::Write;
            f.write_all(body.to_string().as_bytes())
        };
        opts.open(&path)
            .and_then(|mut f| write(&mut f))
            .map_err(|source| Error::Write {
                what: path.display().to_string(),
                source,
            })?;
        Ok(Handoff(Some(path)))
    }
}

impl Drop for Handoff {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}
