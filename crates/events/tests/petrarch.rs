//! Regression suite: the PETRARCH2 unit-test sentences (fictional actors, loaded from the
//! suite's actor dictionary as the knowledge base). Needs ../shared (fails under CI
//! without it, skips loudly elsewhere).

use newsgraph_events::petrarch::evaluate;
use newsgraph_events::EventCoder;

/// What the coder reached when this test was written (root 0.072, source 0.464, target
/// 0.518), with a small margin. The suite's expected codes come from its own test verb
/// dictionary (PETR.Validate.verbs.txt), not the CAMEO one newsgraph ships, so root
/// accuracy is low by construction; who-did-it-to-whom is the part that transfers.
const MIN_ROOT_ACCURACY: f64 = 0.05;
const MIN_SOURCE_ACCURACY: f64 = 0.42;
const MIN_TARGET_ACCURACY: f64 = 0.47;
/// Events coded on the 20 records that report none: 0.25 since the actor, relative-clause,
/// "anti-" and cooperation-partner rules (0.50 before; one record is 0.05). The floor was
/// 0.60 over all 27 no-event records, error/discard ones included; those are now a
/// second figure, 0.296 (0.48 before).
const MAX_NO_EVENT_RATE: f64 = 0.30;
const MAX_NO_EVENT_RATE_ALL: f64 = 0.35;

#[test]
fn petrarch_unit_tests_cameo_roots() {
    let Some(dir) = newsgraph_testkit::shared_path("data/events/petrarch2") else { return };
    let xml = std::fs::read_to_string(dir.join("PETR.UnitTest.records.xml")).expect("PETRARCH2 records readable");
    let actors = std::fs::read_to_string(dir.join("PETR.Validate.actors.txt")).expect("PETRARCH2 actors readable");
    let coder = EventCoder::load().expect("lexicon loads").with_fallback_actors(false);
    let nlp = newsgraph_nlp::Nlp::load().expect("the nlp model loads");
    let report = evaluate(&coder, &xml, &actors, None, &|text| nlp.segment(text));
    eprintln!("{report:#?}");
    assert!(report.coded > 200, "records read: {report:?}");
    assert!(report.root_accuracy >= MIN_ROOT_ACCURACY, "{report:?}");
    assert!(report.source_accuracy >= MIN_SOURCE_ACCURACY, "{report:?}");
    assert!(report.target_accuracy >= MIN_TARGET_ACCURACY, "{report:?}");
    assert!(report.no_event_records >= 15, "no-event records read: {report:?}");
    assert!(report.no_event_rate <= MAX_NO_EVENT_RATE, "{report:?}");
    assert!(report.no_event_rate_all <= MAX_NO_EVENT_RATE_ALL, "{report:?}");
}
