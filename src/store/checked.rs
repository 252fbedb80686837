//! The frame of the files kept beside a store: a magic line, the payload and
//! the payload's 128-bit xxh3, written to a temporary file renamed into place
//! (a reader sees the old file or the new one, never half of one).

use crate::error::{Error, Result};
use std::path::Path;

/// Writes `payload` framed by `magic` and its checksum to `path`, atomically.
pub fn write(path: &Path, magic: &[u8], payload: &[u8]) -> Result<()> {
    let sum = xxhash_rust::xxh3::xxh3_128(payload).to_le_bytes();
    // one temporary name per process: two readers may both write a file
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!("{name}.{}.tmp", std::process::id()));
    std::fs::File::create(&tmp)
        .and_then(|mut f| {
            use std::io::Write;
            f.write_all(magic)?;
            f.write_all(payload)?;
            f.write_all(&sum)?;
            f.sync_all()
        })
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|source| {
            let _ = std::fs::remove_file(&tmp);
            Error::Write {
                what: path.display().to_string(),
                source,
            }
        })
}

/// Why a file beside the store cannot be used.
#[derive(Debug, PartialEq)]
pub enum Stale {
    Missing,
    Corrupt,
    OtherVersion(u32),
    OtherGeneration { file: u64, store: u64 },
}

/// The bytes of the file at `path`.
pub fn read(path: &Path) -> std::result::Result<Vec<u8>, Stale> {
    std::fs::read(path).map_err(|_| Stale::Missing)
}

/// The payload of a file's bytes when its magic and checksum are right.
pub fn payload<'a>(bytes: &'a [u8], magic: &[u8]) -> std::result::Result<&'a [u8], Stale> {
    let body = bytes.strip_prefix(magic).ok_or(Stale::Corrupt)?;
    if body.len() < 16 {
        return Err(Stale::Corrupt);
    }
    let (payload, sum) = body.split_at(body.len() - 16);
    (xxhash_rust::xxh3::xxh3_128(payload).to_le_bytes() == sum)
        .then_some(payload)
        .ok_or(Stale::Corrupt)
}

/// Whether a file of `version` and `generation` is of this program's
/// `current` version and the store's generation `store`.
pub fn check(
    version: u32,
    current: u32,
    generation: u64,
    store: u64,
) -> std::result::Result<(), Stale> {
    if version != current {
        return Err(Stale::OtherVersion(version));
    }
    if generation != store {
        return Err(Stale::OtherGeneration {
            file: generation,
            store,
        });
    }
    Ok(())
}
