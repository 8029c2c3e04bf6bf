//! Fuzz `rampart iam simulate` input handling: any bytes give result lines, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut out = Vec::new();
    let mut warn = Vec::new();
    let _ = rampart_policy::simulate_lines(text, &mut out, &mut warn);
});
