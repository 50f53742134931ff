//! Loads the knowledge base and reports the time it took and a few lookups:
//! `cargo run --release -p newsgraph-kb --example kb_load` (under `/usr/bin/time -v` for the RSS).

use std::time::Instant;

fn main() {
    let started = Instant::now();
    let linker = match newsgraph_kb::Linker::load() {
        Ok(linker) => linker,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!("Linker::load {:.3} s", started.elapsed().as_secs_f64());
    for name in ["Kyiv", "Kiew", "Киев", "Kijów", "München", "Мюнхен", "Köln", "Kolonia"] {
        let place = linker.geocode(name, &[]);
        println!("{name}: {:?}", place.map(|p| (p.name, p.geonames)));
    }
}
