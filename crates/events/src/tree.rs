//! A sentence's dependency tree as the event rules read it: nodes with their word, tag,
//! label, head and children, mapped to the coder's tokens and actor mentions, and the
//! structural questions the rules ask about participants: the subject of a verb, its
//! objects, targets and place, the actor a node stands for (the verbs around a trigger
//! are `tree_status`'s).
//!
//! The tree comes from a [`newsgraph_model::syntax::SentenceParser`] run on the text
//! layer's tokens of one sentence; it is only built for sentences that hold a trigger.
//! It answers from arcs only: no word windows, and every walk is bounded by the depth
//! limit, so a sentence costs linear time. It does not decide what is an event: that is
//! `tree_code`.

use std::borrow::Cow;

use newsgraph_model::syntax::{Dep, Tag, TokenSyntax};
use newsgraph_model::{EntityType, Token};

use crate::actors::{ActorMention, Actors};
use crate::text::{class_of, lower_case, Tok};
use crate::tree_walk::{Children, Walk};
use crate::types::Actor;
use crate::vocab::class;

/// How far the upward walks go (governor chains, relative clauses, conditionals).
pub const MAX_DEPTH: usize = 8;

/// One token of the parsed sentence.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub start: usize,
    pub end: usize,
    pub lower: Cow<'a, str>,
    pub class: u32,
    pub tag: Tag,
    pub dep: Dep,
    /// `None` for a root.
    pub head: Option<usize>,
    pub kids: Vec<usize>,
    /// The coder token starting in this node (for the lexicon), if any.
    pub tok: Option<usize>,
}

impl Node<'_> {
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    pub fn has(&self, classes: u32) -> bool {
        self.class & classes != 0
    }
}

/// A parsed sentence.
#[derive(Debug, Clone)]
pub struct Tree<'a> {
    pub nodes: Vec<Node<'a>>,
    /// Per coder token, the node it starts in.
    pub node_of_tok: Vec<Option<usize>>,
}

impl<'a> Tree<'a> {
    /// The tree of `tokens` (spans of `text`) with the parser's `syntax` for them, mapped to
    /// the coder's `toks` of the same sentence. `None` when the parse does not fit the
    /// tokens (a parser that failed returns no entries).
    pub fn new(text: &'a str, tokens: &[Token], syntax: &[TokenSyntax], toks: &[Tok]) -> Option<Tree<'a>> {
        if tokens.is_empty() || syntax.len() != tokens.len() {
            return None;
        }
        let mut nodes = Vec::with_capacity(tokens.len());
        for (k, (t, s)) in tokens.iter().zip(syntax).enumerate() {
            let head = s.head as usize;
            if head >= tokens.len() {
                return None;
            }
            let lower = lower_case(text.get(t.span.range())?);
            let class = class_of(&lower);
            nodes.push(Node {
                start: t.span.start(),
                end: t.span.end(),
                lower,
                class,
                tag: s.tag,
                dep: s.dep,
                head: (head != k && s.dep != Dep::Root).then_some(head),
                kids: Vec::new(),
                tok: None,
            });
        }
        for k in 0..nodes.len() {
            if let Some(h) = nodes[k].head {
                nodes[h].kids.push(k);
            }
        }
        // Both token lists are in text order: one merge pass maps them.
        let mut node_of_tok = vec![None; toks.len()];
        let mut n = 0;
        for (i, tok) in toks.iter().enumerate() {
            while n < nodes.len() && nodes[n].end <= tok.start {
                n += 1;
            }
            if n < nodes.len() && nodes[n].start < tok.end {
                node_of_tok[i] = Some(n);
                if nodes[n].tok.is_none() {
                    nodes[n].tok = Some(i);
                }
            }
        }
        Some(Tree { nodes, node_of_tok })
    }

    pub fn dep(&self, n: usize) -> Dep {
        self.nodes[n].dep
    }

    pub fn head(&self, n: usize) -> Option<usize> {
        self.nodes[n].head
    }

    /// The children of `n` with one of `deps`, in text order.
    pub fn kids<'s>(&'s self, n: usize, deps: &'s [Dep]) -> impl Iterator<Item = usize> + 's {
        self.nodes[n].kids.iter().copied().filter(move |&k| deps.contains(&self.nodes[k].dep))
    }

    pub fn kid(&self, n: usize, deps: &[Dep]) -> Option<usize> {
        self.kids(n, deps).next()
    }

    /// `n` and the nodes conjoined to it ("Jordan and Britain"), in text order, at most 6.
    pub fn conjuncts(&self, n: usize) -> Vec<usize> {
        self.chain(n, Dep::Conj, 6)
    }

    /// `n` and the nodes reached from it through `dep` arcs, transitively, in text order,
    /// at most `cap` (bounded: a parse is no reason for a long walk).
    pub fn chain(&self, n: usize, dep: Dep, cap: usize) -> Vec<usize> {
        let mut out = vec![n];
        let mut k = 0;
        while k < out.len() && out.len() < cap {
            let next: Vec<usize> = self.kids(out[k], &[dep]).collect();
            out.extend(next);
            k += 1;
        }
        out.sort_unstable();
        out
    }

    /// The first and last node of `n`'s subtree (children never lie outside a projective
    /// parse; the walk is bounded all the same).
    pub fn extent(&self, n: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (n, n);
        let mut stack = vec![(n, 0)];
        while let Some((k, depth)) = stack.pop() {
            lo = lo.min(k);
            hi = hi.max(k);
            if depth < MAX_DEPTH * 2 {
                stack.extend(self.nodes[k].kids.iter().map(|&c| (c, depth + 1)));
            }
        }
        (lo, hi)
    }

    /// The pobj of each preposition child of `n` whose word passes `keep`.
    pub fn prep_objects(&self, n: usize, keep: impl Fn(&Node) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        for p in self.kids(n, &[Dep::Prep, Dep::Agent, Dep::Dative]) {
            if keep(&self.nodes[p]) {
                out.extend(self.kids(p, &[Dep::Pobj, Dep::Pcomp]));
            }
        }
        out
    }

    /// The nodes below `root` (`root` itself first, at depth 0), breadth first, each level
    /// in text order, with their depth, down to `max_depth` arcs; a child `c` at depth `d`
    /// is visited and entered only when `follow(c, d)` holds (see `tree_walk`).
    pub fn walk<F: FnMut(usize, usize) -> bool>(&self, root: usize, max_depth: usize, follow: F) -> Walk<'_, Self, F> {
        Walk::new(self, root, max_depth, follow)
    }

    /// Whether the node before `n`'s subtree is a comma (a non-restrictive clause).
    pub fn after_comma(&self, n: usize) -> bool {
        let (lo, _) = self.extent(n);
        lo > 0 && self.nodes[lo - 1].is(",")
    }
}

impl Children for Tree<'_> {
    fn children(&self, n: usize) -> &[usize] {
        &self.nodes[n].kids
    }
}

/// Who a node stands for: the actor mention it lies in, a pronoun's antecedent (the quote's
/// speaker for "we"/"I"), the noun a relative pronoun refers to, or a mention modifying it
/// ("Hamas fighters", "the leader of Hamas", "Russia's army"). Places are no actors.
pub fn actor_of(tree: &Tree, n: usize, actors: &Actors, speaker: Option<Actor>) -> Option<Actor> {
    actor_at(tree, n, actors, speaker, 0)
}

fn actor_at(tree: &Tree, n: usize, actors: &Actors, speaker: Option<Actor>, depth: usize) -> Option<Actor> {
    let node = &tree.nodes[n];
    if let Some(m) = actors.covering(node.start, node.end) {
        let mention = &actors.mentions[m];
        if mention.is_place() || opposed(tree, n) {
            return None;
        }
        if matches!(mention.actor, Actor::Extra(_)) && depth <= 1 && node.tag.is_noun() {
            // A generic agent named by its modifier stands for the named one: "European
            // Community foreign ministers", "leaders of the Azadliq coalition".
            if let Some(named) = named_modifier(tree, n, actors) {
                return Some(named);
            }
        }
        return Some(mention.actor);
    }
    if matches!(node.tag, Tag::Prp | Tag::PrpDollar) {
        // Tagged PRP: "US" the country is NNP.
        if node.has(class::PRONOUN_SPEAKER) {
            return speaker;
        }
        if node.has(class::PRONOUN_PERSON | class::PRONOUN_THING | class::PRONOUN_GROUP) {
            let person = node.has(class::PRONOUN_PERSON);
            return actors.resolve_pronoun(node.start, person).map(|m| m.actor);
        }
        return None;
    }
    if matches!(node.tag, Tag::Wp | Tag::Wdt) || node.is("that") {
        // "rebels who attacked": the relative clause's noun.
        let verb = tree.head(n)?;
        if tree.dep(verb) == Dep::Relcl && depth < 2 {
            return actor_at(tree, tree.head(verb)?, actors, speaker, depth + 1);
        }
        return None;
    }
    if node.dep == Dep::Nsubj && matches!(node.tag, Tag::Vbg | Tag::Vbn) && depth < 2 {
        // "The Red Cross operating in Iraq said", parsed with the participle as the
        // subject and the noun as its own: the noun is who speaks.
        if let Some(k) = tree.kid(n, &[Dep::Nsubj]) {
            return actor_at(tree, k, actors, speaker, depth + 1);
        }
    }
    if depth >= 2 || !node.tag.is_noun() {
        return None;
    }
    // A modifier that names the actor: "Hamas fighters", "Russia's army", "the leader of
    // Hamas"; a generic word as modifier names no one ("an official protest").
    let named = |a: &Actor| matches!(a, Actor::Entity(_));
    for k in tree.kids(n, &[Dep::Compound, Dep::Poss, Dep::Amod, Dep::Nmod]) {
        let pronoun = matches!(tree.nodes[k].tag, Tag::PrpDollar);
        if let Some(a) = actor_at(tree, k, actors, speaker, depth + 1).filter(|a| pronoun || named(a)) {
            return Some(a);
        }
    }
    for k in tree.prep_objects(n, |p| p.is("of") || p.is("from")) {
        if let Some(a) = actor_at(tree, k, actors, speaker, depth + 1) {
            return Some(a);
        }
    }
    None
}

/// A named entity (not a generic agent) among `n`'s modifiers or its "of" phrase.
fn named_modifier(tree: &Tree, n: usize, actors: &Actors) -> Option<Actor> {
    let (start, end) = (tree.nodes[n].start, tree.nodes[n].end);
    let mut candidates: Vec<usize> = tree.kids(n, &[Dep::Compound, Dep::Poss, Dep::Amod, Dep::Nmod]).collect();
    candidates.extend(tree.prep_objects(n, |p| p.is("of")));
    // "activists from the Fatah Party": the organisation they belong to ("forces from
    // Panama" come from a place, they do not belong to it: no GPE).
    let members: Vec<usize> = tree.prep_objects(n, |p| p.is("from"));
    // "demonstrators in Baghdad": a group with no nationality is coded by the country or
    // city it acts in (only a GPE: "officials in the ministry" are not the ministry).
    let nationality = actors.covering(start, end).is_some_and(|m| actors.mentions[m].kind == EntityType::Norp);
    let located: Vec<usize> = if nationality { Vec::new() } else { tree.prep_objects(n, |p| p.is("in")) };
    let tagged = candidates.into_iter().map(|k| (k, Slot::Modifier));
    let tagged = tagged
        .chain(members.into_iter().map(|k| (k, Slot::Member)))
        .chain(located.into_iter().map(|k| (k, Slot::Place)));
    tagged.into_iter().find_map(|(k, slot)| {
        let node = &tree.nodes[k];
        let m = &actors.mentions[actors.covering(node.start, node.end)?];
        // Not the agent mention itself ("Russian officials" as one mention).
        let own = m.start <= start && m.end >= end;
        let fits = match slot {
            Slot::Modifier => true,
            Slot::Member => m.kind != EntityType::Gpe,
            Slot::Place => m.kind == EntityType::Gpe,
        };
        (matches!(m.actor, Actor::Entity(_)) && fits && !own && !m.is_place() && !opposed(tree, k)).then_some(m.actor)
    })
}

/// How a candidate phrase names the group a generic noun stands for.
#[derive(Clone, Copy)]
enum Slot {
    /// A modifier or "of" phrase: "Hamas fighters", "leaders of the coalition".
    Modifier,
    /// A "from" phrase: "activists from the Fatah Party".
    Member,
    /// An "in" phrase: "demonstrators in Baghdad".
    Place,
}

/// The actors conjoined to the modifier that names an uncovered noun: "Hungarian and
/// Romanian officials" -> both.
fn modifier_conjuncts(tree: &Tree, n: usize, actors: &Actors, speaker: Option<Actor>) -> Vec<Actor> {
    let node = &tree.nodes[n];
    if actors.covering(node.start, node.end).is_some() || !node.tag.is_noun() {
        return Vec::new();
    }
    let Some(k) = tree.kid(n, &[Dep::Compound, Dep::Amod, Dep::Nmod]) else { return Vec::new() };
    let named = |a: &Actor| matches!(a, Actor::Entity(_));
    tree.conjuncts(k).into_iter().filter_map(|c| actor_at(tree, c, actors, speaker, 1).filter(named)).collect()
}

/// An "anti-" prefix before `n`: "anti-Gondor" is against Gondor, not Gondor.
fn opposed(tree: &Tree, n: usize) -> bool {
    let before = |j: usize| n.checked_sub(j).map(|k| &*tree.nodes[k].lower);
    tree.nodes[n].lower.starts_with("anti-")
        || matches!(before(1), Some("anti" | "anti-"))
        || (before(1) == Some("-") && before(2) == Some("anti"))
}

/// The actors of a list of nodes and their conjuncts, deduplicated, in text order.
pub fn actors_of(tree: &Tree, nodes: &[usize], actors: &Actors, speaker: Option<Actor>) -> Vec<Actor> {
    let mut out = Vec::new();
    for &n in nodes {
        for c in tree.conjuncts(n) {
            let found = actor_of(tree, c, actors, speaker);
            for a in found.into_iter().chain(modifier_conjuncts(tree, c, actors, speaker)) {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
    }
    out
}

/// The grammatical subject of verb `v`: its own nsubj/nsubjpass, else the controller of an
/// infinitive ("plans to attack": the planner; "urged X to attack": X), the subject shared
/// with the verb it is conjoined to, or the noun a participle modifies. The flag says the
/// subject is a passive's (the target, not the doer).
pub fn subject(tree: &Tree, v: usize) -> (Vec<usize>, bool) {
    let mut cur = v;
    for _ in 0..MAX_DEPTH {
        if let Some(s) = tree.kid(cur, &[Dep::Nsubj]) {
            return (vec![s], cur == v && passive(tree, v));
        }
        if let Some(s) = tree.kid(cur, &[Dep::Nsubjpass]) {
            return (vec![s], cur == v);
        }
        let Some(h) = tree.head(cur) else { break };
        match tree.dep(cur) {
            Dep::Xcomp | Dep::Acomp => {
                // Object control: "urged Russia to withdraw".
                if tree.dep(cur) == Dep::Xcomp {
                    if let Some(o) = tree.kid(h, &[Dep::Dobj]) {
                        return (vec![o], false);
                    }
                }
                cur = h;
            }
            Dep::Conj if tree.nodes[h].tag.is_verb() => cur = h,
            Dep::Advcl if purpose_or_participle(tree, cur) => cur = h,
            Dep::Acl | Dep::Relcl if tree.nodes[h].tag.is_noun() || tree.nodes[h].tag == Tag::Prp => {
                // "troops deployed by X" (a participle: passive), "rebels attacking the town".
                let participle = tree.nodes[cur].tag == Tag::Vbn;
                return (vec![h], cur == v && participle);
            }
            _ => break,
        }
    }
    (Vec::new(), false)
}

/// An adverbial clause that shares its governor's subject: a purpose infinitive ("sent
/// troops to help X") or a participle (", killing five").
pub fn purpose_or_participle(tree: &Tree, v: usize) -> bool {
    tree.dep(v) == Dep::Advcl
        && tree.kid(v, &[Dep::Mark, Dep::Nsubj, Dep::Nsubjpass]).is_none()
        && (tree.nodes[v].tag == Tag::Vbg || tree.kids(v, &[Dep::Aux]).any(|a| tree.nodes[a].is("to")))
}

/// The targets of verb `v` (trigger words up to node `last`), none of `exclude`: its
/// objects, else the objects of a governed preposition, else its clausal complement's
/// subject ("demanded that the US cancel") or objects ("agreed to provide aid to X").
pub fn targets_of(
    tree: &Tree,
    v: usize,
    last: usize,
    actors: &Actors,
    speaker: Option<Actor>,
    exclude: &[Actor],
) -> Vec<Actor> {
    targets_at(tree, v, last, actors, speaker, exclude, 0)
}

fn targets_at(
    tree: &Tree,
    v: usize,
    last: usize,
    actors: &Actors,
    speaker: Option<Actor>,
    exclude: &[Actor],
    depth: usize,
) -> Vec<Actor> {
    let keep = |list: Vec<Actor>| -> Vec<Actor> { list.into_iter().filter(|a| !exclude.contains(a)).collect() };
    let (direct, governed) = objects(tree, v, last);
    let direct = keep(actors_of(tree, &direct, actors, speaker));
    let governed = keep(actors_of(tree, &governed, actors, speaker));
    // "provided intelligence to Macedonia": a named recipient over a generic object.
    let generic = |list: &[Actor]| list.iter().all(|a| matches!(a, Actor::Extra(_)));
    let prefer_recipient = generic(&direct) && !governed.is_empty() && !generic(&governed);
    if !direct.is_empty() && !prefer_recipient {
        return direct;
    }
    if !governed.is_empty() {
        return governed;
    }
    if depth >= 2 {
        return Vec::new();
    }
    let complements: Vec<usize> = tree
        .kids(v, &[Dep::Ccomp, Dep::Xcomp, Dep::Advcl])
        .filter(|&c| tree.dep(c) != Dep::Advcl || purpose_or_participle(tree, c))
        .collect();
    for c in complements {
        if !tree.nodes[c].tag.is_verb() {
            continue;
        }
        if let Some(s) = tree.kid(c, &[Dep::Nsubj, Dep::Nsubjpass]) {
            let found = keep(actors_of(tree, &[s], actors, speaker));
            if !found.is_empty() {
                return found;
            }
        }
        let found = targets_at(tree, c, c, actors, speaker, exclude, depth + 1);
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// The nearest actor in `n`'s own subtree, breadth first (then in text order), none of
/// `exclude`: the fallback when no object slot names one ("ban voting in East Jerusalem",
/// "attacked a camp for Congolese refugees"). Subjects, agents, relative and conditional
/// clauses, reported and conjoined clauses are other participants' or other events': the
/// walk does not enter them. At most four arcs deep.
pub fn nearest_actor(tree: &Tree, n: usize, actors: &Actors, exclude: &[Actor]) -> Option<Actor> {
    nearest_actors(tree, n, actors, exclude, 1).into_iter().next()
}

/// Up to `limit` actors of `n`'s subtree, nearest first (see [`nearest_actor`]).
pub fn nearest_actors(tree: &Tree, n: usize, actors: &Actors, exclude: &[Actor], limit: usize) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    let follow = |c: usize, depth: usize| {
        let node = &tree.nodes[c];
        let skip = matches!(
            node.dep,
            Dep::Nsubj
                | Dep::Nsubjpass
                | Dep::Csubj
                | Dep::Agent
                | Dep::Relcl
                | Dep::Parataxis
                | Dep::Conj
                | Dep::Cc
                | Dep::Punct
                | Dep::Appos
                | Dep::Aux
                | Dep::Auxpass
                | Dep::Mark
        ) || (node.dep == Dep::Advcl && tree.kid(c, &[Dep::Mark, Dep::Nsubj]).is_some())
            || (depth == 1 && node.dep == Dep::Prep && node.is("by"))
            || node.has(class::REPORTING);
        !skip
    };
    for (c, _) in tree.walk(n, MAX_DEPTH, follow).skip(1) {
        // "blocked roads in Baghdad": a place phrase is where, not whom.
        let place_phrase = tree.head(c).is_some_and(|p| tree.nodes[p].has(class::PLACE_PREPOSITION));
        if place_phrase {
            continue;
        }
        // A compound is read left to right ("the Russia-Ukraine border": Russia, then
        // Ukraine), and a word may hold several mentions.
        let phrase = tree.chain(c, Dep::Compound, 8);
        let mut here: Vec<&ActorMention> = Vec::new();
        for &k in &phrase {
            let (start, end) = (tree.nodes[k].start, tree.nodes[k].end);
            let within: Vec<&ActorMention> = actors.within(start, end).collect();
            if within.is_empty() {
                here.extend(actors.covering(start, end).map(|m| &actors.mentions[m]));
            } else {
                here.extend(within);
            }
        }
        for mention in here {
            if !mention.is_place()
                && !exclude.contains(&mention.actor)
                && !out.contains(&mention.actor)
                && !opposed(tree, c)
            {
                out.push(mention.actor);
                if out.len() >= limit {
                    return out;
                }
            }
        }
    }
    out
}

/// `v` is a passive: an auxpass child, or a participle with a "by" agent.
pub fn passive(tree: &Tree, v: usize) -> bool {
    tree.kid(v, &[Dep::Auxpass, Dep::Nsubjpass]).is_some()
}

/// The agent of a passive ("by Y"): its pobj.
pub fn agent(tree: &Tree, v: usize) -> Vec<usize> {
    tree.prep_objects(v, |p| p.dep == Dep::Agent || p.is("by"))
}

/// The object nodes of verb `v` whose trigger words end at node `last`: dative and direct
/// objects, else the objects of a governed preposition (a target preposition, one inside
/// the trigger phrase: "met with", or "between"), on the verb or on its direct object
/// ("imposed sanctions on Russia").
pub fn objects(tree: &Tree, v: usize, last: usize) -> (Vec<usize>, Vec<usize>) {
    let direct: Vec<usize> = tree.kids(v, &[Dep::Dative, Dep::Dobj, Dep::Oprd]).collect();
    let governed = |p: &Node| p.has(class::TARGET_PREPOSITION) || p.is("between");
    let mut preps =
        tree.prep_objects(v, |p| governed(p) || (p.start >= tree.nodes[v].start && p.end <= tree.nodes[last].end));
    for &d in &direct {
        preps.extend(tree.prep_objects(d, |p| governed(p) || p.is("by")));
    }
    (direct, preps)
}

/// The place phrase objects attached to `n` ("in Geneva", "at the border").
pub fn place_objects(tree: &Tree, n: usize) -> Vec<usize> {
    tree.prep_objects(n, |p| p.has(class::PLACE_PREPOSITION))
}

/// The place of `n`: the first non-person mention among its place phrases (or those of its
/// direct object).
pub fn place_of(tree: &Tree, n: usize, actors: &Actors) -> Option<Actor> {
    let mut nodes = place_objects(tree, n);
    for d in tree.kids(n, &[Dep::Dobj]) {
        nodes.extend(place_objects(tree, d));
    }
    nodes.into_iter().find_map(|k| {
        let node = &tree.nodes[k];
        let m = actors.covering(node.start, node.end)?;
        (actors.mentions[m].kind != EntityType::Person).then_some(actors.mentions[m].actor)
    })
}
