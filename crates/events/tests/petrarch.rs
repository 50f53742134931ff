//! Regression suite: the PETRARCH2 unit-test sentences (fictional actors, loaded from the
//! suite's actor dictionary as the knowledge base). Needs ../shared (fails under CI
//! without it, skips loudly elsewhere).

use newsgraph_events::petrarch::evaluate;
use newsgraph_events::EventCoder;

/// What the coder reached with the suite's own verb dictionary (PETR.Validate.verbs.txt,
/// as PETRARCH runs the suite; its codes are partly WEIS, not CAMEO): root 0.815, full code
/// 0.806, source 0.509, target 0.635, with a small margin. With the product's CAMEO.2.0
/// dictionary root accuracy was 0.072: the suite's expected codes are its dictionary's.
const MIN_ROOT_ACCURACY: f64 = 0.78;
const MIN_FULL_ACCURACY: f64 = 0.77;
const MIN_SOURCE_ACCURACY: f64 = 0.47;
const MIN_TARGET_ACCURACY: f64 = 0.60;
/// Events coded on the 20 records that report none: 0.10 (0.25 before PETRARCH's rules
/// that only a dictionary-coded verb with a source and a target is an event). Over all 27
/// no-event records, error/discard ones included: 0.296 (the suite drops those for a
/// discard word or an input error, which newsgraph does not check).
const MAX_NO_EVENT_RATE: f64 = 0.15;
const MAX_NO_EVENT_RATE_ALL: f64 = 0.35;

#[test]
fn petrarch_unit_tests_cameo_roots() {
    let Some(dir) = newsgraph_testkit::shared_path("data/events/petrarch2") else { return };
    let xml = std::fs::read_to_string(dir.join("PETR.UnitTest.records.xml")).expect("PETRARCH2 records readable");
    let actors = std::fs::read_to_string(dir.join("PETR.Validate.actors.txt")).expect("PETRARCH2 actors readable");
    let verbs = std::fs::read_to_string(dir.join("PETR.Validate.verbs.txt")).expect("PETRARCH2 verbs readable");
    let dictionary = newsgraph_events::cameo::Dictionary::from_petrarch(&verbs);
    let coder = EventCoder::load().expect("lexicon loads").with_fallback_actors(false).with_verb_dictionary(dictionary);
    let nlp = newsgraph_nlp::Nlp::load().expect("the nlp model loads");
    let report = evaluate(&coder, &xml, &actors, None, &|text| nlp.segment(text));
    eprintln!("{report:#?}");
    assert!(report.coded > 200, "records read: {report:?}");
    assert!(report.root_accuracy >= MIN_ROOT_ACCURACY, "{report:?}");
    assert!(report.full_accuracy >= MIN_FULL_ACCURACY, "{report:?}");
    assert!(report.source_accuracy >= MIN_SOURCE_ACCURACY, "{report:?}");
    assert!(report.target_accuracy >= MIN_TARGET_ACCURACY, "{report:?}");
    assert!(report.no_event_records >= 15, "no-event records read: {report:?}");
    assert!(report.no_event_rate <= MAX_NO_EVENT_RATE, "{report:?}");
    assert!(report.no_event_rate_all <= MAX_NO_EVENT_RATE_ALL, "{report:?}");
}
