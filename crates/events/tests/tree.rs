//! The event coder with a parser: sentences parsed by a test parser that answers fixed
//! trees (written by hand in spaCy's labels), so each check reads one structure: active,
//! passive with agent, coordination, relative clause, reported speech, negation, a
//! conditional, an infinitive under "plans to", and that sentences without a trigger are
//! never parsed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use newsgraph_events::EventCoder;
use newsgraph_model::syntax::{Dep, SentenceParser, Tag, TokenSyntax};
use newsgraph_model::{Article, Event, EventStatus, EventType, Stage, Token};
use newsgraph_nlp::Nlp;

/// Trees by sentence: `word/TAG/dep/head` per token, heads indexing the sentence's tokens.
const TREES: &[&str] = &[
    "Russia/NNP/nsubj/1 attacked/VBD/ROOT/1 Ukraine/NNP/dobj/1 ././punct/1",
    "Ukraine/NNP/nsubjpass/2 was/VBD/auxpass/2 attacked/VBN/ROOT/2 by/IN/agent/2 Russia/NNP/pobj/3 ././punct/2",
    "Jordan/NNP/nsubj/3 and/CC/cc/0 Britain/NNP/conj/0 condemned/VBD/ROOT/3 Syria/NNP/dobj/3 and/CC/cc/4 Iran/NNP/conj/4 ././punct/3",
    "Police/NNS/nsubj/1 arrested/VBD/ROOT/1 Kurds/NNPS/dobj/1 who/WP/nsubj/4 attacked/VBD/relcl/2 Turkey/NNP/dobj/4 ././punct/1",
    "Britain/NNP/nsubj/1 said/VBD/ROOT/1 Russia/NNP/nsubj/3 attacked/VBD/ccomp/1 Ukraine/NNP/dobj/3 ././punct/1",
    "Russia/NNP/nsubj/3 did/VBD/aux/3 not/RB/neg/3 attack/VB/ROOT/3 Ukraine/NNP/dobj/3 ././punct/3",
    "Russia/NNP/nsubj/2 will/MD/aux/2 attack/VB/ROOT/2 Ukraine/NNP/dobj/2 if/IN/mark/6 Kyiv/NNP/nsubj/6 joins/VBZ/advcl/2 NATO/NNP/dobj/6 ././punct/2",
    "Russia/NNP/nsubj/1 plans/VBZ/ROOT/1 to/TO/aux/3 attack/VB/xcomp/1 Ukraine/NNP/dobj/3 ././punct/1",
    "Apples/NNS/nsubj/1 taste/VBP/ROOT/1 sweet/JJ/oprd/1 ././punct/1",
];

/// Answers the fixed tree whose words are the tokens', and counts its calls.
/// The fixed tree among `trees` ("word/TAG/dep/head" per token) whose words are `tokens`.
fn fixed_tree(trees: &[&str], text: &str, tokens: &[Token]) -> Vec<TokenSyntax> {
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.range()]).collect();
    let tree = trees
        .iter()
        .map(|t| t.split(' ').map(|w| w.split('/').collect::<Vec<_>>()).collect::<Vec<_>>())
        .find(|t| t.len() == words.len() && t.iter().zip(&words).all(|(n, w)| n[0] == *w))
        .unwrap_or_else(|| panic!("no fixed tree for {words:?}"));
    tree.iter()
        .map(|n| TokenSyntax {
            tag: Tag::parse(n[1]).unwrap(),
            dep: Dep::parse(n[2]).unwrap(),
            head: n[3].parse().unwrap(),
        })
        .collect()
}

#[derive(Default)]
struct FixedParser {
    calls: AtomicUsize,
}

impl SentenceParser for FixedParser {
    fn parse(&self, text: &str, tokens: &[Token]) -> Vec<TokenSyntax> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        fixed_tree(TREES, text, tokens)
    }
}

/// Codes `text` (fallback actors: capitalised names) with the fixed parser.
fn code(text: &str) -> (Article, Arc<FixedParser>) {
    let parser = Arc::new(FixedParser::default());
    let coder = EventCoder::load().unwrap().with_parser(parser.clone());
    let mut article = Article::from_text("t", text);
    article.published = None;
    article.analysis = Nlp::load().unwrap().segment(text);
    coder.annotate(&mut article);
    (article, parser)
}

fn names(article: &Article, ids: &[newsgraph_model::EntityId]) -> Vec<String> {
    ids.iter().map(|id| article.entities.iter().find(|e| &e.id == id).unwrap().name.to_lowercase()).collect()
}

fn event(article: &Article, kind: EventType) -> &Event {
    article.events.iter().find(|e| e.kind == kind).unwrap_or_else(|| panic!("no {kind:?} in {:?}", article.events))
}

fn who(article: &Article, e: &Event) -> (Vec<String>, Vec<String>) {
    (names(article, &e.actors), names(article, &e.targets))
}

#[test]
fn active_and_passive_name_the_same_doer() {
    for text in ["Russia attacked Ukraine.", "Ukraine was attacked by Russia."] {
        let (article, _) = code(text);
        let e = event(&article, EventType::Assault);
        assert_eq!(who(&article, e), (vec!["russia".to_string()], vec!["ukraine".to_string()]), "{text}");
        assert_eq!(e.status, EventStatus::Actual);
        assert_eq!(e.source, None);
    }
}

#[test]
fn conjoined_subjects_and_objects_are_all_participants() {
    let (article, _) = code("Jordan and Britain condemned Syria and Iran.");
    let e = event(&article, EventType::Accuse);
    let (mut actors, mut targets) = who(&article, e);
    actors.sort();
    targets.sort();
    assert_eq!(actors, ["britain", "jordan"]);
    assert_eq!(targets, ["iran", "syria"]);
}

#[test]
fn a_relative_clause_takes_the_noun_it_modifies_as_subject() {
    let (article, _) = code("Police arrested Kurds who attacked Turkey.");
    let e = event(&article, EventType::Assault);
    assert_eq!(who(&article, e), (vec!["kurds".to_string()], vec!["turkey".to_string()]));
    let arrest = event(&article, EventType::Coerce);
    assert_eq!(names(&article, &arrest.targets), ["kurds"]);
}

#[test]
fn reported_speech_codes_the_report_with_its_source() {
    let (article, _) = code("Britain said Russia attacked Ukraine.");
    let e = event(&article, EventType::Assault);
    assert_eq!(who(&article, e), (vec!["russia".to_string()], vec!["ukraine".to_string()]));
    assert_eq!(names(&article, e.source.as_slice()), ["britain"]);
}

#[test]
fn negation_conditions_and_plans_set_the_status() {
    let cases = [
        ("Russia did not attack Ukraine.", EventStatus::Negated),
        ("Russia will attack Ukraine if Kyiv joins NATO.", EventStatus::Hypothetical),
    ];
    for (text, status) in cases {
        let (article, _) = code(text);
        let e = event(&article, EventType::Assault);
        assert_eq!(e.status, status, "{text}");
        assert_eq!(who(&article, e), (vec!["russia".to_string()], vec!["ukraine".to_string()]), "{text}");
    }
    // The planner is the doer of the infinitive; a plan to attack is PLOVER's THREATEN.
    let (article, _) = code("Russia plans to attack Ukraine.");
    let e = event(&article, EventType::Threaten);
    assert_eq!(e.mode.as_deref(), Some("assault"));
    assert_eq!(who(&article, e), (vec!["russia".to_string()], vec!["ukraine".to_string()]));
}

#[test]
fn only_sentences_with_a_trigger_are_parsed() {
    let (article, parser) = code("Russia attacked Ukraine. Apples taste sweet.");
    assert_eq!(parser.calls.load(Ordering::SeqCst), 1);
    assert_eq!(article.events.len(), 1);
}

#[test]
fn source_is_written_only_when_present() {
    let (article, _) = code("Russia attacked Ukraine.");
    let json = serde_json::to_string(&article.events[0]).unwrap();
    assert!(!json.contains("source"), "{json}");
    let (article, _) = code("Britain said Russia attacked Ukraine.");
    let json = serde_json::to_string(event(&article, EventType::Assault)).unwrap();
    assert!(json.contains("\"source\""), "{json}");
}

/// Trees for the target and actor rules, with the entity layer given (kinds matter there).
const NAMED_TREES: &[&str] = &[
    "Russia/NNP/nsubj/1 deployed/VBD/ROOT/1 troops/NNS/dobj/1 in/IN/prep/1 Syria/NNP/pobj/3 ././punct/1",
    "Lebanon/NNP/nsubj/1 complained/VBD/ROOT/1 to/IN/prep/1 Syria/NNP/pobj/2 over/IN/prep/1 Israeli/JJ/amod/6 raids/NNS/pobj/4 ././punct/1",
    "Israel/NNP/nsubjpass/2 is/VBZ/auxpass/2 opposed/VBN/ROOT/2 to/IN/prep/2 French/JJ/amod/5 mediation/NN/pobj/3 ././punct/2",
    "Israel/NNP/nsubj/1 attacked/VBD/ROOT/1 Syrians/NNPS/dobj/1 protesting/VBG/acl/2 the/DT/det/5 wall/NN/dobj/3 ././punct/1",
    "Russia/NNP/nsubj/1 threatened/VBD/ROOT/1 to/TO/aux/3 stop/VB/xcomp/1 talks/NNS/dobj/3 if/IN/mark/7 Ukraine/NNP/nsubj/7 attacked/VBD/advcl/3 ././punct/1",
    "Russia/NNP/nsubj/1 deployed/VBD/ROOT/1 troops/NNS/dobj/1 for/IN/prep/2 a/DT/det/5 war/NN/pobj/3 against/IN/prep/5 Ukraine/NNP/pobj/6 ././punct/1",
    "Iran/NNP/nsubj/1 issued/VBD/ROOT/1 a/DT/det/3 declaration/NN/dobj/1 demanding/VBG/acl/3 that/IN/mark/7 Israel/NNP/nsubj/7 withdraw/VB/ccomp/4 ././punct/1",
    "Egypt/NNP/nsubj/1 said/VBD/ROOT/1 it/PRP/nsubj/4 will/MD/aux/4 extend/VB/ccomp/1 the/DT/det/6 curfew/NN/dobj/4 in/IN/prep/6 Cairo/NNP/pobj/7 ././punct/1",
    "Haiti/NNP/nsubj/1 declared/VBD/ROOT/1 a/DT/det/3 state/NN/dobj/1 of/IN/prep/3 emergency/NN/pobj/4 in/IN/prep/3 Jacmel/NNP/pobj/6 ././punct/1",
    "Albanians/NNPS/nsubj/2 have/VBP/aux/2 sworn/VBN/ROOT/2 to/TO/aux/4 fight/VB/advcl/2 Serbia/NNP/dobj/4 ././punct/2",
    "Egypt/NNP/nsubj/2 will/MD/aux/2 provide/VB/ROOT/2 aid/NN/dobj/2 to/IN/prep/2 Libya/NNP/pobj/4 ,/,/punct/2 officials/NNS/nsubj/8 said/VBD/conj/2 ././punct/2",
    "A/DT/det/1 bombing/NN/nsubj/4 by/IN/prep/1 Hamas/NNP/pobj/2 killed/VBD/ROOT/4 Israelis/NNPS/dobj/4 ././punct/4",
    "Chirac/NNP/nsubj/1 issued/VBD/ROOT/1 a/DT/det/3 reminder/NN/dobj/1 to/IN/dative/1 Iraq/NNP/pobj/4 that/IN/mark/9 it/PRP/nsubj/9 must/MD/aux/9 withdraw/VB/acl/3 ././punct/1",
];

/// Codes `text` with the entity layer `named` ((surface, kind) pairs, first occurrence).
fn code_named(text: &str, named: &[(&str, newsgraph_model::EntityType)]) -> Article {
    struct Named;
    impl SentenceParser for Named {
        fn parse(&self, text: &str, tokens: &[Token]) -> Vec<TokenSyntax> {
            fixed_tree(NAMED_TREES, text, tokens)
        }
    }
    let coder = EventCoder::load().unwrap().with_parser(Arc::new(Named));
    let mut article = Article::from_text("t", text);
    article.published = None;
    article.analysis = Nlp::load().unwrap().segment(text);
    for (i, (surface, kind)) in named.iter().enumerate() {
        let start = text[..text.find(surface).unwrap()].chars().count();
        let span = newsgraph_model::CharSpan::new(start, start + surface.chars().count());
        article.entities.push(newsgraph_model::Entity {
            id: newsgraph_model::EntityId::nth(i),
            name: surface.to_string(),
            kind: *kind,
            kb: None,
            roles: Vec::new(),
            mentions: vec![newsgraph_model::Mention { span, text: surface.to_string() }],
        });
    }
    coder.annotate(&mut article);
    article
}

#[test]
fn a_generic_object_gives_way_to_the_country_acted_in() {
    use newsgraph_model::EntityType::Gpe;
    let article = code_named("Russia deployed troops in Syria.", &[("Russia", Gpe), ("Syria", Gpe)]);
    let e = article.events.first().unwrap_or_else(|| panic!("no event in {:?}", article.events));
    assert_eq!(who(&article, e), (vec!["russia".to_string()], vec!["syria".to_string()]));
}

#[test]
fn a_complaint_targets_the_doer_of_the_act() {
    use newsgraph_model::EntityType::{Gpe, Norp};
    let text = "Lebanon complained to Syria over Israeli raids.";
    let article = code_named(text, &[("Lebanon", Gpe), ("Syria", Gpe), ("Israeli", Norp)]);
    let e = event(&article, EventType::Accuse);
    assert_eq!(who(&article, e), (vec!["lebanon".to_string()], vec!["israeli".to_string()]));
}

#[test]
fn a_declaration_demanding_speaks_for_its_issuer() {
    use newsgraph_model::EntityType::Gpe;
    let text = "Iran issued a declaration demanding that Israel withdraw.";
    let article = code_named(text, &[("Iran", Gpe), ("Israel", Gpe)]);
    let e = event(&article, EventType::Request);
    assert_eq!(who(&article, e).0, vec!["iran".to_string()]);
}

#[test]
fn a_stance_in_the_passive_form_is_its_subjects() {
    use newsgraph_model::EntityType::{Gpe, Norp};
    let text = "Israel is opposed to French mediation.";
    let article = code_named(text, &[("Israel", Gpe), ("French", Norp)]);
    let e = event(&article, EventType::Reject);
    assert_eq!(who(&article, e), (vec!["israel".to_string()], vec!["french".to_string()]));
}

#[test]
fn a_participle_describing_a_participant_is_no_event_of_its_own() {
    use newsgraph_model::EntityType::{Gpe, Norp};
    let article = code_named("Israel attacked Syrians protesting the wall.", &[("Israel", Gpe), ("Syrians", Norp)]);
    let kinds: Vec<EventType> = article.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventType::Assault], "{:?}", article.events);
}

#[test]
fn a_threat_targets_the_party_its_condition_names() {
    use newsgraph_model::EntityType::Gpe;
    let text = "Russia threatened to stop talks if Ukraine attacked.";
    let article = code_named(text, &[("Russia", Gpe), ("Ukraine", Gpe)]);
    let e = event(&article, EventType::Threaten);
    assert_eq!(who(&article, e), (vec!["russia".to_string()], vec!["ukraine".to_string()]));
}

#[test]
fn a_generic_object_gives_way_to_whom_it_is_meant_for() {
    use newsgraph_model::EntityType::Gpe;
    let text = "Russia deployed troops for a war against Ukraine.";
    let article = code_named(text, &[("Russia", Gpe), ("Ukraine", Gpe)]);
    let e = article.events.first().unwrap_or_else(|| panic!("no event in {:?}", article.events));
    assert_eq!(who(&article, e), (vec!["russia".to_string()], vec!["ukraine".to_string()]));
}

#[test]
fn a_measure_extended_by_a_reporter_is_a_threat_against_the_place() {
    use newsgraph_model::EntityType::Gpe;
    let text = "Egypt said it will extend the curfew in Cairo.";
    let article = code_named(text, &[("Egypt", Gpe), ("Cairo", Gpe)]);
    let e = event(&article, EventType::Threaten);
    assert_eq!(e.mode.as_deref(), Some("coerce"));
    assert_eq!(who(&article, e), (vec!["egypt".to_string()], vec!["cairo".to_string()]));
}

#[test]
fn a_declared_state_of_emergency_is_its_declarers_coercion() {
    use newsgraph_model::EntityType::Gpe;
    let text = "Haiti declared a state of emergency in Jacmel.";
    let article = code_named(text, &[("Haiti", Gpe), ("Jacmel", Gpe)]);
    let e = event(&article, EventType::Coerce);
    assert_eq!(e.cameo, "1724");
    // "state" opens the trigger: it is no participant.
    assert_eq!(who(&article, e), (vec!["haiti".to_string()], vec!["jacmel".to_string()]));
}

#[test]
fn a_vow_to_fight_is_a_threat_not_an_allegation() {
    use newsgraph_model::EntityType::{Gpe, Norp};
    let text = "Albanians have sworn to fight Serbia.";
    let article = code_named(text, &[("Albanians", Norp), ("Serbia", Gpe)]);
    let kinds: Vec<EventType> = article.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventType::Threaten], "{:?}", article.events);
    let e = event(&article, EventType::Threaten);
    assert_eq!(who(&article, e), (vec!["albanians".to_string()], vec!["serbia".to_string()]));
}

#[test]
fn a_reporter_conjoined_to_the_root_makes_a_future_deed_an_intention() {
    use newsgraph_model::EntityType::Gpe;
    let text = "Egypt will provide aid to Libya, officials said.";
    let article = code_named(text, &[("Egypt", Gpe), ("Libya", Gpe)]);
    let e = article.events.first().unwrap_or_else(|| panic!("no event in {:?}", article.events));
    assert_eq!(e.kind, EventType::Agree, "{:?}", article.events);
    assert_eq!(e.status, EventStatus::Actual);
}

#[test]
fn an_event_noun_as_subject_is_part_of_the_verbs_event() {
    use newsgraph_model::EntityType::{Norp, Org};
    let text = "A bombing by Hamas killed Israelis.";
    let article = code_named(text, &[("Hamas", Org), ("Israelis", Norp)]);
    assert_eq!(article.events.len(), 1, "{:?}", article.events);
    let e = event(&article, EventType::Assault);
    assert_eq!(who(&article, e), (vec!["hamas".to_string()], vec!["israelis".to_string()]));
}

#[test]
fn a_that_clause_of_an_issued_noun_obliges_for_the_issuer() {
    use newsgraph_model::EntityType::{Gpe, Person};
    let text = "Chirac issued a reminder to Iraq that it must withdraw.";
    let article = code_named(text, &[("Chirac", Person), ("Iraq", Gpe)]);
    let e = event(&article, EventType::Request);
    assert_eq!(who(&article, e), (vec!["chirac".to_string()], vec!["iraq".to_string()]));
}
