use newsgraph_events::petrarch::{primary, read_records, ActorDictionary};
use newsgraph_events::EventCoder;
use newsgraph_model::{Article, Stage};
fn main() {
    let dir = std::path::PathBuf::from("/work/shared/data/events/petrarch2");
    let xml = std::fs::read_to_string(dir.join("PETR.UnitTest.records.xml")).unwrap();
    let actors = std::fs::read_to_string(dir.join("PETR.Validate.actors.txt")).unwrap();
    let dict = ActorDictionary::parse(&actors);
    let coder = EventCoder::load().unwrap().with_fallback_actors(false);
    for r in read_records(&xml) {
        let (entities, codes) = dict.entities(&r.text);
        let mut a = Article::from_text(r.id.clone(), r.text.clone());
        a.entities = entities;
        coder.annotate(&mut a);
        let p = primary(&a.events);
        println!(
            "{} exp={:?} got={:?} ents={:?}\n   {}",
            r.id,
            r.codings.first(),
            p.map(|e| (e.cameo.clone(), e.kind, e.status, e.actors.clone(), e.targets.clone())),
            codes,
            r.text
        );
    }
}
