//! Fuzz the snapshot loader: any bytes must give an inventory or a `LoadError`, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_model::{LoadOptions, load_snapshot};

fuzz_target!(|data: &[u8]| {
    let opts = LoadOptions { max_bytes: 8 << 20 };
    if let Ok(loaded) = load_snapshot("fuzz.json", data, &opts) {
        // Touch the result so finalize-time joins are exercised too.
        let _ = loaded.inventory.regions.len();
    }
});
