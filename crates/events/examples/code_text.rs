use newsgraph_events::EventCoder;
use newsgraph_model::{Article, Stage};
use std::io::BufRead;
fn main() {
    let coder = EventCoder::load().unwrap();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let mut a = Article::from_text("x", line.clone());
        coder.annotate(&mut a);
        println!("{}", line);
        for e in &a.events {
            let name = |id: &newsgraph_model::EntityId| {
                a.entities.iter().find(|x| &x.id == id).map(|x| x.name.clone()).unwrap_or_default()
            };
            println!(
                "   {:?} {:?} {} {:?} -> {:?} | {}",
                e.kind,
                e.status,
                e.cameo,
                e.actors.iter().map(name).collect::<Vec<_>>(),
                e.targets.iter().map(name).collect::<Vec<_>>(),
                e.evidence[0].text
            );
        }
    }
}
