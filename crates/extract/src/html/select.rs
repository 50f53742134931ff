//! Choosing the body's containers in the tree.
//!
//! Selection follows the readability family: every paragraph-sized run of
//! text scores its ancestors (commas and length up, link text down, class
//! hints either way); the best-scoring container, widened to the common
//! ancestor of a run of same-kind blocks or of near-best rivals, plus its good
//! siblings, is the body. [`blocked_nodes`] marks what is never scored
//! (navigation, asides, comments, hidden blocks). Reading the chosen nodes out
//! is [`super::content`]'s job. All walks are iterative.

use newsgraph_model::RemovalReason;

use super::dom::{Dom, Node, Tag, NONE};
use super::hints::Hint;
use super::profile::Profile;

/// The block the page names as the article body ([`Dom::body_mark`]) and its ancestors,
/// as a per-node flag.
///
/// A wrapper's class describes the layout around the article as often as a box beside it
/// (`cb-post-wrap cb-sidebar-right`, `main-with-aside`), and a wrapper that also holds the
/// share bar and related links reads as a link list: a block that holds the named body is
/// neither a sidebar nor a link list. Comments sections stay removable.
pub(super) fn body_path(dom: &Dom) -> Vec<bool> {
    let mut path = vec![false; dom.nodes.len()];
    let Some(mut id) = dom.body_mark else { return path };
    let mut steps = 0;
    while id != NONE && id != 0 && steps < super::dom::MAX_DEPTH + 2 {
        path[id as usize] = true;
        id = dom.nodes[id as usize].parent;
        steps += 1;
    }
    path
}

/// Nodes inside boilerplate-looking containers (by tag or class), not scored as content.
/// `body_path` (from [`body_path`]) marks wrappers of the named body, never blocked by name.
/// `profile` names the boilerplate reasons that are content for the page's type.
pub(super) fn blocked_nodes(dom: &Dom, body_path: &[bool], profile: Profile) -> Vec<bool> {
    let mut blocked = vec![false; dom.nodes.len()];
    // A layout wrapper named after a sidebar or a header can still hold the article:
    // a block with most of the page's text is never ruled out by its name alone.
    let large = dom.nodes[0].chars as f32 * 0.4;
    for i in 1..dom.nodes.len() {
        let node = &dom.nodes[i];
        let parent = node.parent as usize;
        if blocked.get(parent).copied().unwrap_or(false) {
            blocked[i] = true;
            continue;
        }
        if node.element.is_none() {
            continue;
        }
        let wraps_body = body_path.get(i).copied().unwrap_or(false);
        let by_tag = matches!(node.tag, Tag::Nav | Tag::Footer | Tag::Aside) && !wraps_body;
        let by_hint = match node.hint() {
            Hint::Boilerplate(reason) if profile.keeps(reason) => false,
            Hint::Boilerplate(RemovalReason::Comments) => true,
            Hint::Boilerplate(_) if wraps_body => false,
            Hint::Boilerplate(reason) => {
                !matches!(reason, RemovalReason::Byline | RemovalReason::Dateline) && (node.chars as f32) < large
            }
            Hint::Hidden => true,
            _ => false,
        };
        let unseen = (node.hidden() || node.tag == Tag::Media) && (node.chars as f32) < large;
        blocked[i] = by_tag || by_hint || unseen;
    }
    blocked
}

fn is_scored_paragraph(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::P
            | Tag::Pre
            | Tag::Td
            | Tag::Div
            | Tag::Section
            | Tag::Article
            | Tag::Main
            | Tag::Blockquote
            | Tag::Dd
            | Tag::Custom
            | Tag::Center
            | Tag::Font
            | Tag::Inline
    )
}

fn initial_score(node: &Node, profile: Profile) -> f32 {
    let base = match node.tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Custom => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
        t if t.is_heading() => -5.0,
        Tag::Th => -5.0,
        _ => 0.0,
    };
    let weight = match node.hint() {
        Hint::Content => 25.0,
        Hint::Boilerplate(reason) if profile.keeps(reason) => 0.0,
        Hint::Boilerplate(_) => -25.0,
        _ => 0.0,
    };
    base + weight
}

/// The body's root nodes: the best-scoring container and its good siblings.
/// `profile` names the boilerplate reasons that are content for the page's type.
pub(super) fn select(dom: &Dom, blocked: Option<&[bool]>, profile: Profile) -> Vec<u32> {
    let n = dom.nodes.len();
    let is_blocked = |i: usize| blocked.is_some_and(|b| b[i]);
    let mut score = vec![f32::NAN; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        if node.element.is_none() || node.own_chars < 25 || !is_scored_paragraph(node.tag) || is_blocked(i) {
            continue;
        }
        let content_score = 1.0 + node.own_commas as f32 + (node.own_chars as f32 / 100.0).min(3.0);
        let mut ancestor = node.parent;
        let mut level = 0u32;
        while ancestor != NONE && ancestor != 0 && level < 5 {
            let a = ancestor as usize;
            if score[a].is_nan() {
                score[a] = initial_score(&dom.nodes[a], profile);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a] += content_score / divider;
            ancestor = dom.nodes[a].parent;
            level += 1;
        }
    }
    for (i, s) in score.iter_mut().enumerate() {
        if !s.is_nan() {
            *s *= 1.0 - dom.nodes[i].link_density();
        }
    }
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in score.iter().enumerate() {
        if !s.is_nan() && !is_blocked(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    let Some((mut top, top_score)) = best else { return vec![0] };
    if let Some(ancestor) = repeated_blocks(dom, &score, top, top_score, &is_blocked) {
        top = ancestor;
    }
    // Several near-best candidates under one ancestor: the article is split into
    // blocks (one per section, say), so their common ancestor is the body.
    let close: Vec<usize> = score
        .iter()
        .enumerate()
        .filter(|&(i, &s)| i != top && !s.is_nan() && s >= top_score * 0.75 && !is_blocked(i))
        .map(|(i, _)| i)
        .take(8)
        .collect();
    if close.len() >= 2 {
        let mut ancestor = dom.nodes[top].parent;
        while ancestor != NONE && ancestor != 0 {
            let contains = close.iter().filter(|&&c| is_descendant(dom, c as u32, ancestor)).count();
            if contains >= 2 {
                top = ancestor as usize;
                break;
            }
            ancestor = dom.nodes[ancestor as usize].parent;
        }
    }
    // A lone child wrapper adds nothing; its parent may hold the body's other parts.
    let inner = top;
    let mut lifted = 0usize;
    loop {
        let parent = dom.nodes[top].parent;
        if parent == NONE || parent == 0 {
            break;
        }
        let element_children = dom.children(parent).filter(|&c| dom.nodes[c as usize].element.is_some()).count();
        if element_children != 1 {
            break;
        }
        top = parent as usize;
        lifted += 1;
    }

    let parent = dom.nodes[top].parent;
    if parent == NONE {
        return vec![top as u32];
    }
    let top_score = if score[top].is_nan() { 0.0 } else { score[top] };
    // Lifted through wrappers (`<section><div><div class="text">`), the best block's score
    // sits levels below its siblings' own: a sibling is also kept when its best block as
    // deep down scores a tenth of the best block's (`inner_threshold`).
    let (inner_scores, inner_threshold) = if lifted > 0 && !score[inner].is_nan() {
        (wrapped_scores(dom, &score, parent, lifted, &is_blocked), (score[inner] * 0.1).max(5.0))
    } else {
        (Vec::new(), f32::INFINITY)
    };
    // Siblings scoring a tenth of the best block are kept: an article split into
    // sections leaves each later section with far less than the lead one.
    let threshold = (top_score * 0.1).max(5.0);
    let top_hints = dom.nodes[top].hints();
    let mut roots = Vec::new();
    for sibling in dom.children(parent) {
        let s = sibling as usize;
        if s == top {
            roots.push(sibling);
            continue;
        }
        let node = &dom.nodes[s];
        if node.element.is_none() || is_blocked(s) || node.hidden() || node.chars == 0 {
            continue;
        }
        let mut sibling_score = if score[s].is_nan() { 0.0 } else { score[s] };
        if !top_hints.is_empty() && node.hints() == top_hints {
            sibling_score += top_score * 0.2;
        }
        let inner_kept =
            inner_scores.binary_search_by_key(&sibling, |e| e.0).is_ok_and(|k| inner_scores[k].1 >= inner_threshold);
        let link_density = node.link_density();
        let keep = sibling_score >= threshold
            || inner_kept
            || (node.tag == Tag::P || node.own_chars == node.chars) && {
                let chars = node.chars;
                (chars > 80 && link_density < 0.25)
                    || (chars > 0 && link_density == 0.0 && dom.inner_text(sibling).contains(". "))
            };
        if keep {
            roots.push(sibling);
        }
    }
    // One level further out, keep only plain prose blocks: a lead paragraph or a
    // standfirst set outside the body's container belongs to the article too.
    let grandparent = dom.nodes[parent as usize].parent;
    if grandparent == NONE || grandparent == 0 {
        return roots;
    }
    let prose = |u: u32| {
        let node = &dom.nodes[u as usize];
        node.element.is_some()
            && !is_blocked(u as usize)
            && !node.hidden()
            && matches!(node.tag, Tag::P | Tag::Div | Tag::Blockquote | Tag::Section)
            && node.own_chars == node.chars
            && node.chars > 100
            && node.link_density() < 0.2
            && dom.inner_text(u).contains(". ")
    };
    let mut widened = Vec::with_capacity(roots.len() + 2);
    for uncle in dom.children(grandparent) {
        if uncle == parent {
            widened.append(&mut roots);
        } else if prose(uncle) {
            widened.push(uncle);
        }
    }
    widened
}

/// For each child of `parent`, the best score among the blocks at most `depth` levels
/// below it (blocked ones left out), sorted by node.
fn wrapped_scores(
    dom: &Dom,
    score: &[f32],
    parent: u32,
    depth: usize,
    is_blocked: &dyn Fn(usize) -> bool,
) -> Vec<(u32, f32)> {
    let mut best: Vec<(u32, f32)> = Vec::new();
    for (i, &s) in score.iter().enumerate() {
        if s.is_nan() || is_blocked(i) {
            continue;
        }
        let mut node = i as u32;
        for _ in 0..=depth {
            let up = dom.nodes[node as usize].parent;
            if up == NONE {
                break;
            }
            if up == parent {
                best.push((node, s));
                break;
            }
            node = up;
        }
    }
    // Sorted by node, best score first: the first entry per node is its best (binary-searched).
    best.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    best.dedup_by_key(|e| e.0);
    best
}

/// Most members of a repeated block kind whose common ancestor is taken as the body.
const MAX_GROUP: usize = 64;

/// The common ancestor of a run of same-class text blocks, when they outweigh the best one.
///
/// Page builders and CMS templates cut one article into many blocks of the same kind
/// (`class="rich-text"` per section, one card per list item): each scores less than a
/// single intro block, but together they are the article. Blocks sharing a class string
/// and each scoring at least 30% of the best are grouped (two suffice); a group that
/// outweighs the best block by half again is the body, read from its members' common
/// ancestor.
fn repeated_blocks(
    dom: &Dom,
    score: &[f32],
    top: usize,
    top_score: f32,
    is_blocked: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let floor = top_score * 0.3;
    let mut groups: std::collections::HashMap<&str, (f32, Vec<usize>)> = std::collections::HashMap::new();
    for (i, &s) in score.iter().enumerate() {
        if s.is_nan() || s < floor || is_blocked(i) {
            continue;
        }
        let hints = dom.nodes[i].hints();
        if hints.is_empty() {
            continue;
        }
        let group = groups.entry(hints).or_default();
        group.0 += s;
        if group.1.len() < MAX_GROUP {
            group.1.push(i);
        }
    }
    let (sum, members) = groups.into_values().filter(|(_, m)| m.len() >= 2).max_by(|a, b| a.0.total_cmp(&b.0))?;
    if sum < top_score * 1.5 {
        return None;
    }
    let mut common = members[0] as u32;
    for &m in &members[1..] {
        common = common_ancestor(dom, common, m as u32)?;
    }
    // The best block joins when it shares an ancestor below the page root with the group
    // (an intro before the list); otherwise the group alone is the body.
    let with_top = common_ancestor(dom, common, top as u32).filter(|&a| a != 0 && a != NONE);
    let chosen = with_top.unwrap_or(common);
    (chosen != 0 && chosen != NONE).then_some(chosen as usize)
}

/// The deepest node that has both `a` and `b` in its subtree.
fn common_ancestor(dom: &Dom, a: u32, b: u32) -> Option<u32> {
    let mut chain = Vec::new();
    let mut node = a;
    while node != NONE && chain.len() < super::dom::MAX_DEPTH + 2 {
        chain.push(node);
        node = dom.nodes[node as usize].parent;
    }
    let mut node = b;
    let mut steps = 0;
    while node != NONE && steps < super::dom::MAX_DEPTH + 2 {
        if chain.contains(&node) {
            return Some(node);
        }
        node = dom.nodes[node as usize].parent;
        steps += 1;
    }
    None
}

fn is_descendant(dom: &Dom, mut node: u32, ancestor: u32) -> bool {
    let mut steps = 0;
    while node != NONE && steps < super::dom::MAX_DEPTH + 2 {
        if node == ancestor {
            return true;
        }
        node = dom.nodes[node as usize].parent;
        steps += 1;
    }
    false
}
