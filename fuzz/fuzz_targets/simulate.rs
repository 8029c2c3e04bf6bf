//! Fuzz `rampart iam simulate` input handling (the in-memory and the streaming readers): any
//! bytes give result lines, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let mut warn = Vec::new();
    let _ = rampart_policy::simulate_reader(data, &mut out, &mut warn);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    out.clear();
    let _ = rampart_policy::simulate_lines(text, &mut out, &mut warn);
});
