//! The input readers on arbitrary bytes: every container format, and sniffing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the name hint, so one corpus exercises every reader.
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = ["x.warc", "x.warc.gz", "x.jsonl", "x.html.gz", "x.gz", "-", "x.txt"][usize::from(pick) % 7];
    for item in newsgraph_source::read_bytes(name, bytes).take(10_000) {
        let _ = item.map(|input| input.origin());
    }
});
