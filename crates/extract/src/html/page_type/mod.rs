//! The page type: what kind of page the clean stage just read (article, listing,
//! forum, product, collection, documentation, service), with a confidence.
//!
//! [`features`] gathers the signals ([`markup`] reads the markup-level ones) from the tree, head data and URL the clean stage
//! already has; a multinomial logistic regression (weights in
//! `models/page_type/weights.json`, trained on WCXB dev by `models/page_type/train.py`)
//! turns them into class probabilities. One rule sits on top: a page whose structured
//! data says `LiveBlogPosting` is a live blog (no training set has live blogs). The
//! model never says `other`. The type then steers how the body is read
//! ([`super::profile`]): a forum's posts, a listing's teasers.

pub(crate) mod features;
mod markup;
mod reader;

use std::sync::OnceLock;

use newsgraph_model::{PageKind, PageType};
use serde_json::Value;

use self::features::{Features, N, NAMES};

const WEIGHTS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/page_type/weights.json"));

/// The shipped classifier: per class a weight per feature, features standardised first.
#[derive(Debug)]
struct Model {
    classes: Vec<PageKind>,
    mean: [f32; N],
    scale: [f32; N],
    /// `classes.len()` rows of `N` weights.
    weights: Vec<[f32; N]>,
    bias: Vec<f32>,
}

fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| load(WEIGHTS)).as_ref()
}

/// Reads a weights file; `None` when it does not fit the features this code gathers.
fn load(json: &str) -> Option<Model> {
    let value: Value = serde_json::from_str(json).ok()?;
    let names: Vec<&str> = value.get("features")?.as_array()?.iter().filter_map(Value::as_str).collect();
    if names != NAMES {
        return None;
    }
    let row = |v: &Value| -> Option<[f32; N]> {
        let items = v.as_array()?;
        let mut out = [0f32; N];
        if items.len() != N {
            return None;
        }
        for (slot, item) in out.iter_mut().zip(items) {
            *slot = item.as_f64()? as f32;
        }
        Some(out)
    };
    let classes: Vec<PageKind> = value
        .get("classes")?
        .as_array()?
        .iter()
        .map(|c| c.as_str().and_then(PageKind::parse))
        .collect::<Option<_>>()?;
    let weights: Vec<[f32; N]> = value.get("weights")?.as_array()?.iter().map(row).collect::<Option<_>>()?;
    let bias: Vec<f32> =
        value.get("bias")?.as_array()?.iter().map(|b| b.as_f64().map(|b| b as f32)).collect::<Option<_>>()?;
    if weights.len() != classes.len() || bias.len() != classes.len() || classes.is_empty() {
        return None;
    }
    Some(Model { classes, mean: row(value.get("mean")?)?, scale: row(value.get("scale")?)?, weights, bias })
}

/// The page type of a page with these features; `None` only when no model is loaded.
pub(crate) fn classify(features: &Features) -> Option<PageType> {
    let model = model()?;
    let mut x = [0f32; N];
    for (i, slot) in x.iter_mut().enumerate() {
        let scale = if model.scale[i] > 0.0 { model.scale[i] } else { 1.0 };
        *slot = (features.values[i] - model.mean[i]) / scale;
    }
    let scores: Vec<f32> = model
        .weights
        .iter()
        .zip(&model.bias)
        .map(|(w, b)| b + w.iter().zip(&x).map(|(w, x)| w * x).sum::<f32>())
        .collect();
    let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let total: f32 = scores.iter().map(|s| (s - top).exp()).sum();
    let (best, score) = scores.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
    let confidence = 1.0 / total.max(1.0) * (score - top).exp();
    let kind = model.classes[best];
    // Structured data that says live blog is taken at its word: no training page is one.
    if features.live_blog {
        return Some(PageType { kind: PageKind::LiveBlog, confidence });
    }
    Some(PageType { kind, confidence })
}

#[cfg(test)]
mod tests;
