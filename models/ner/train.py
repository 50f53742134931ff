#!/usr/bin/env python3
"""Train small NER models for de, es, pt, fr, nl in the architecture of en_core_web_sm's `ner`.

The models have exactly the layers and shapes that `build.py` exports and the
Rust runtime in `crates/nlp` runs: the `ner` component's own tok2vec
(spacy.Tok2Vec.v2 = MultiHashEmbed.v2 over NORM, PREFIX, SUFFIX, SHAPE, width
96, rows 5000/1000/2500/2500, HashEmbed seeds 8, 9, 10, 11; MaxoutWindowEncoder.v2
depth 4, window 1, 3 pieces: 5 maxout+layernorm layers with the mixer), then
spacy.TransitionBasedParser.v2 (state "ner", hidden 64, 2 pieces, with the
upper layer). The only shape that differs from the English model is the upper
layer's output: the actions of three labels, PERSON, ORG and LOC (OntoNotes
names, so the runtime parses actions such as `U-PERSON`), 14 actions in all.
The pipeline is `spacy.blank(lang)` + `ner`, with no lookups tables: a
token's NORM is spaCy's BASE_NORMS exception, else the lowercased text (the
same getter for all five languages; not the English model's `lexeme_norm`).

Usage (spaCy 3.8, CPU only; run one language at a time):
    nice -n 10 python3 models/ner/train.py es          # then pt, de, fr, nl
    python3 models/ner/train.py es --score-only        # score an existing model
    python3 models/ner/train.py es --convert-only      # write the DocBins only
Options: --data DIR (default: ../shared/data/multilingual relative to the repo
root), --out DIR (default /tmp/ner-models/<lang>; the model lands in
<out>/model-best), --max-epochs, --patience, --eval-frequency, --dropout,
--copies (de: GermEval, fr: HIPE NewsEye dev sentences repeated), --retokenize
yes|no, --seed (default 0), --scores FILE (default /tmp/ner-models/scores.tsv).
Defaults per language: DEFAULTS below.
OMP/MKL/OPENBLAS threads are set to 1 for the training process.

After training, the dev set is scored with spaCy: exact-span typed P/R/F1 over
PERSON/ORG/LOC (a) on the gold tokens (Doc built from the words) and (b) on the
tokens of spacy.blank(lang)'s tokenizer over the words joined by single spaces
(spans compared by character offsets). One line per run is appended to the
scores file: lang, set, P, R, F1 (gold tokens), F1 (blank tokenizer), train
minutes, and the training settings.

Training data (only sets whose licence allows shipping weights; layout and
formats in data/multilingual/README.md):
- es: ner/es/ancora train (AnCora-ES, CC BY 4.0; TAB token IOB2).
      Dev: ancora dev.
- pt: ner/pt/uner_bosque train (UNER Portuguese-Bosque, CC BY-SA 4.0; `#`
      comments, TAB idx token IOB2). Dev: bosque dev.
- de: ner/de/europeana LFT+ONB+SBB (Europeana Newspapers, CC0) plus
      ner/de/germeval2014 dev (GermEval 2014, CC BY 4.0) less every fifth
      sentence (index % 5 == 0), which is the dev set ("GermEval dev,
      held-back fifth"). GermEval: outer column, plain PER/ORG/LOC only
      (*deriv, *part, OTH -> O). Europarl (research use only) is NOT used.
- fr: ner/fr/europeana (BnF, CC0) plus ner/fr/hipe2022_newseye dev (HIPE-2022
      NewsEye, CC BY 4.0; NE-COARSE-LIT column). Dev: hipe2022_newseye dev2.
      hipe2020 (CC BY-NC-SA) is not used.
- nl: ner/nl/europeana (KB, CC0): the pseudo-sentences in contiguous blocks
      of 50; every tenth block (block % 10 == 9) is the dev set, the other 90%
      train. Also scored: the held-back part re-split by the tokenizer (below),
      which model-best is picked on.
Europeana files have no sentence breaks: the token stream (a new stream at
each `# file:` header of the SBB file) is cut into pseudo-sentences after a
`.` token (or a word ending in a period after a lower-case letter, as the Dutch
file leaves punctuation attached) once at least 40 tokens have gathered (or
anywhere after 150),
never inside an entity. HIPE documents (one EndOfSentence per document) are
cut the same way. Europeana's tags are IOB1-ish and IOB2-ish mixed; all sets
are decoded alike: B-X starts an entity, I-X continues one of type X and
starts one otherwise. Mistyped tags (`PEr`, `B_LOC`, `BER`, ...) and SBB lines
without a tag read as O; SBB lines with several words before the tag become
several tokens. Labels: PER -> PERSON, ORG -> ORG, LOC -> LOC; MISC, OTH,
HumanProd, NUM, DATE etc. are dropped (O).
Europeana words are then re-split by spacy.blank(lang)'s tokenizer (the Dutch
and part of the German OCR text leave punctuation attached: `Nederland.`,
`ROTTERDAM,`), punctuation-only pieces at an entity's edges going outside it,
so training sees the tokens the runtime's tokenizer makes (--retokenize no
keeps the words; on GermEval dev it made no difference: 0.563 vs 0.565).
Not used: it (KIND, NC), pl and ru (WikiNEuRal, NC): no model for them.

Training: `spacy train` on CPU, seed 0, Adam as en_core_web_sm (lr 0.001,
L2 0.01, grad clip 1.0, parameter averaging), batch_by_words compounding 100 ->
1000, dropout 0.1 (nl 0.2), gold tokens (the Docs carry unknown spacing, so
spaCy trains on the words as given); the best dev ents_f checkpoint is
model-best. Run time with DEFAULTS on one core of a shared 2-core Xeon box
(other jobs on the other core): about 12 min es, 5-9 pt, 5-10 de, 5-9 fr, 4-7 nl;
the scores file records each run's minutes.
"""
import argparse
import gzip
import os
import random
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DATA = os.path.join(ROOT, "..", "shared", "data", "multilingual")

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
TAG_RE = re.compile(r"^(O|[BI]-[A-Za-z]+)$")

# Per language, chosen on the dev sets: epochs (the best dev score came at epoch 6 for
# es, 7 pt, 4 de, 3 fr, 1 nl, so later epochs only cost time), dropout, and copies of
# the modern / in-domain training sentences (de: GermEval, fr: HIPE NewsEye dev).
# Measured against the first models (scores-trials.tsv): copies 3 raised de 0.563 ->
# 0.580 and fr 0.455 -> 0.496 (copies 6: fr 0.485); dropout 0.2 raised nl 0.592 -> 0.617
# (retokenized dev) but not es (0.843 -> 0.838), pt (0.740 -> 0.737), de (0.580 ->
# 0.578) or fr (0.496 -> 0.481). Each language trains in 5-12 minutes on one core.
DEFAULTS = {
    "es": {"max_epochs": 12, "eval_frequency": 400, "dropout": 0.1},
    "pt": {"max_epochs": 12, "eval_frequency": 400, "dropout": 0.1},
    "de": {"max_epochs": 8, "eval_frequency": 400, "dropout": 0.1, "copies": 3},
    "fr": {"max_epochs": 8, "eval_frequency": 400, "dropout": 0.1, "copies": 3},
    "nl": {"max_epochs": 8, "eval_frequency": 400, "dropout": 0.2},
}
DEV_NAMES = {
    "es": "ancora dev",
    "pt": "uner_bosque dev",
    "de": "germeval2014 dev, held-back fifth",
    "fr": "hipe2022_newseye dev2",
    "nl": "europeana held-back 10%",
}


# ---------------------------------------------------------------- reading


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def decode(tags):
    """Entity spans (start, end, label) from B/I/O tags, IOB1 and IOB2 alike.

    B-X starts an entity; I-X continues an entity of type X right before it
    and starts one otherwise. Types outside LABELS end any entity and give O.
    """
    spans = []
    cur = None  # [start, end, raw type]
    for i, tag in enumerate(tags):
        if tag == "O" or not TAG_RE.match(tag):
            kind, typ = "O", None
        else:
            kind, typ = tag[0], tag[2:]
        if kind == "I" and cur is not None and cur[2] == typ and cur[1] == i:
            cur[1] = i + 1
            continue
        if cur is not None:
            spans.append(tuple(cur))
            cur = None
        if kind in "BI" and typ is not None:
            cur = [i, i + 1, typ]
    if cur is not None:
        spans.append(tuple(cur))
    return [(s, e, LABELS[t]) for s, e, t in spans if t in LABELS]


def read_columns(path, word_col, tag_col, comments=True):
    """Blank-line separated sentences of TAB columns: [(words, tags)]."""
    sents, words, tags = [], [], []
    with open_text(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            if comments and line.startswith("#") and "\t" not in line:
                continue
            cols = line.split("\t")
            words.append(cols[word_col])
            tags.append(cols[tag_col])
    if words:
        sents.append((words, tags))
    return sents


def read_europeana(path):
    """Europeana `token TAG` lines: a list of documents [(words, tags)].

    SBB's `# file:` headers (and their url lines) start a new document.
    """
    docs, words, tags = [], [], []
    with open_text(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if re.match(r"^# (file|sbb url|tel url):", line):
                if line.startswith("# file:") and words:
                    docs.append((words, tags))
                    words, tags = [], []
                continue
            fields = line.split()
            if not fields:
                continue
            if len(fields) >= 2 and TAG_RE.match(fields[-1]):
                toks, tag = fields[:-1], fields[-1]
            elif len(fields) >= 2 and re.match(r"^[BI][-_.]?[A-Za-z]+$", fields[-1]) and fields[-1] != fields[0]:
                toks, tag = fields[:-1], "O"  # a mistyped tag: skip the entity
            else:
                toks, tag = fields, "O"
            for j, tok in enumerate(toks):
                words.append(tok)
                tags.append(tag if j == 0 or tag == "O" else "I-" + tag[2:])
    if words:
        docs.append((words, tags))
    return docs


def read_hipe(path):
    """HIPE-2022 TSV: a list of documents [(words, NE-COARSE-LIT tags)]."""
    docs, words, tags = [], [], []
    with open_text(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("TOKEN\t"):
                continue
            if line.startswith("# hipe2022:document_id"):
                if words:
                    docs.append((words, tags))
                words, tags = [], []
                continue
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split("\t")
            words.append(cols[0])
            tags.append(cols[1])
    if words:
        docs.append((words, tags))
    return docs


def ends_sentence(word):
    """`.`, or a word with the period attached after a lower-case letter (Dutch OCR: `doen.`)."""
    return word == "." or (len(word) > 1 and word.endswith(".") and word[-2].islower())


def pseudo_sentences(words, tags, target=40, hard=150):
    """Cut one document into pieces after a `.` once `target` tokens gathered."""
    spans = decode(tags)
    inside = [False] * (len(words) + 1)  # inside[i]: a cut before token i splits an entity
    for s, e, _ in spans:
        for i in range(s + 1, e):
            inside[i] = True
    out, start = [], 0
    for i, w in enumerate(words):
        n = i + 1 - start
        if inside[i + 1]:
            continue
        if (ends_sentence(w) and n >= target) or n >= hard:
            out.append((words[start : i + 1], tags[start : i + 1]))
            start = i + 1
    if start < len(words):
        out.append((words[start:], tags[start:]))
    return out


def examples(sents):
    """[(words, spans)] with empty or blank words dropped (tags kept aligned)."""
    out = []
    for words, tags in sents:
        pairs = [(w, t) for w, t in zip(words, tags) if w.strip()]
        if not pairs:
            continue
        ws = [w.replace(" ", "_") for w, _ in pairs]
        out.append((ws, decode([t for _, t in pairs])))
    return out


def retokenize(tokenizer, exs):
    """Europeana words re-split by spacy.blank(lang)'s tokenizer (the Dutch and part of
    the German OCR text leave punctuation attached: `Nederland.`, `ROTTERDAM,`).

    An entity keeps its words' pieces except punctuation-only pieces at its outer
    edges, so `Rotterdam.` tagged LOC becomes `Rotterdam` (LOC) `.` (O).
    """
    cache = {}

    def pieces(word):
        if word not in cache:
            cache[word] = [t.text for t in tokenizer(word) if t.text.strip()] or [word]
        return cache[word]

    def punct(piece):
        return not any(c.isalnum() for c in piece)

    out = []
    for words, spans in exs:
        new_words, where = [], []
        for w in words:
            ps = pieces(w)
            where.append((len(new_words), ps))
            new_words += ps
        new_spans = []
        for s, e, label in spans:
            a, first = where[s]
            b, last = where[e - 1]
            lead = 0
            while lead < len(first) - 1 and punct(first[lead]):
                lead += 1
            trail = 0
            while trail < len(last) - 1 and punct(last[-1 - trail]):
                trail += 1
            start, end = a + lead, b + len(last) - trail
            if start < end:
                new_spans.append((start, end, label))
        out.append((new_words, new_spans))
    return out


def load_sets(lang, data, retok, modern_copies=1):
    """Training and dev examples, lists of (words, spans): (train, [(dev name, dev)])."""
    import spacy

    ner = os.path.join(data, "ner", lang)
    tokenizer = spacy.blank(lang).tokenizer

    def europeana(path):
        exs = examples([p for words, tags in read_europeana(path) for p in pseudo_sentences(words, tags)])
        return retokenize(tokenizer, exs) if retok else exs

    if lang == "es":
        train = examples(read_columns(os.path.join(ner, "ancora", "train.tsv.gz"), 0, 1))
        dev = examples(read_columns(os.path.join(ner, "ancora", "dev.tsv"), 0, 1))
    elif lang == "pt":
        d = os.path.join(ner, "uner_bosque")
        train = examples(read_columns(os.path.join(d, "pt_bosque-ud-train.iob2.gz"), 1, 2))
        dev = examples(read_columns(os.path.join(d, "pt_bosque-ud-dev.iob2"), 1, 2))
    elif lang == "de":
        train = []
        for name in ("lft", "onb", "sbb"):
            train += europeana(os.path.join(ner, "europeana", f"enp_DE.{name}.bio"))
        germeval = examples(read_columns(os.path.join(ner, "germeval2014", "dev.tsv"), 1, 2))
        dev = [s for i, s in enumerate(germeval) if i % 5 == 0]
        train += [s for i, s in enumerate(germeval) if i % 5 != 0] * modern_copies
    elif lang == "fr":
        train = europeana(os.path.join(ner, "europeana", "enp_FR.bnf.bio.gz"))
        d = os.path.join(ner, "hipe2022_newseye")
        hipe = lambda name: examples(
            [p for words, tags in read_hipe(os.path.join(d, name)) for p in pseudo_sentences(words, tags)]
        )
        train += hipe("HIPE-2022-v2.1-newseye-dev-fr.tsv") * modern_copies
        dev = hipe("HIPE-2022-v2.1-newseye-dev2-fr.tsv")
    elif lang == "nl":
        path = os.path.join(ner, "europeana", "enp_NL.kb.bio.gz")
        raw = examples([p for words, tags in read_europeana(path) for p in pseudo_sentences(words, tags)])
        held = lambda i: (i // 50) % 10 == 9
        pieces = retokenize(tokenizer, raw) if retok else raw
        train = [p for i, p in enumerate(pieces) if not held(i)]
        dev = [p for i, p in enumerate(raw) if held(i)]
        sets = [(DEV_NAMES[lang], dev)]
        # The raw held-back words keep punctuation attached (and inside entities: `Rotterdam.`);
        # also measure on them as re-split by the tokenizer.
        sets.append((DEV_NAMES[lang] + ", retokenized", retokenize(tokenizer, dev)))
        if retok:
            sets.reverse()  # the first set picks model-best
        return train, sets
    else:
        sys.exit(f"no training data for {lang!r} (only es, pt, de, fr, nl)")
    return train, [(DEV_NAMES[lang], dev)]


# ---------------------------------------------------------------- spaCy


def to_docbin(nlp, exs, path):
    from spacy.tokens import Doc, DocBin, Span

    db = DocBin(store_user_data=False)
    for words, spans in exs:
        doc = Doc(nlp.vocab, words=words)  # unknown spacing: spaCy trains on these words
        doc.set_ents([Span(doc, s, e, label) for s, e, label in spans], default="outside")
        db.add(doc)
    db.to_disk(path)


CONFIG = """
[paths]
train = null
dev = null

[system]
gpu_allocator = null
seed = {seed}

[nlp]
lang = "{lang}"
pipeline = ["ner"]
batch_size = 1000
disabled = []
before_creation = null
after_creation = null
after_pipeline_creation = null
tokenizer = {{"@tokenizers":"spacy.Tokenizer.v1"}}

[components]

[components.ner]
factory = "ner"
incorrect_spans_key = null
moves = null
scorer = {{"@scorers":"spacy.ner_scorer.v1"}}
update_with_oracle_cut_size = 100

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.ner.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,2500]
include_static_vectors = false

[components.ner.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = {dropout}
accumulate_gradient = 1
patience = {patience}
max_epochs = {max_epochs}
max_steps = 0
eval_frequency = {eval_frequency}
frozen_components = []
annotating_components = []
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

[pretraining]

[initialize]
vectors = null
init_tok2vec = null
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


def check_architecture(nlp):
    """The trained `ner` has the layers and shapes build.py exports."""
    ner = nlp.get_pipe("ner")
    model = ner.model
    embeds = [l for l in model.walk() if l.name == "hashembed"]
    assert [e.attrs["seed"] for e in embeds] == [8, 9, 10, 11], [e.attrs["seed"] for e in embeds]
    assert [e.get_param("E").shape for e in embeds] == [(5000, 96), (1000, 96), (2500, 96), (2500, 96)]
    assert len([l for l in model.walk() if l.name == "maxout"]) == 5
    assert len([l for l in model.walk() if l.name == "layernorm"]) == 5
    # Lower (96 -> 64) and upper (64 -> actions). With 14 actions the upper layer is the
    # narrower one, so tell them apart by nI (build.py's sort by nO assumes 74 actions).
    linears = sorted((l for l in model.walk() if l.name == "linear"), key=lambda l: -l.get_dim("nI"))
    assert len(linears) == 2
    lower, upper = linears
    assert (lower.get_dim("nI"), lower.get_dim("nO")) == (96, 64)
    assert (upper.get_dim("nI"), upper.get_dim("nO")) == (64, ner.moves.n_moves)
    actions = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    # The runtime pushes every embedding row through the mixing Maxout and stores the
    # result in half precision: it must stay inside f16's range.
    import numpy as np

    mix = [l for l in model.walk() if l.name == "maxout"][0].get_param("W")  # (96, 3, 384)
    for i, e in enumerate(embeds):
        part = mix[:, :, i * 96 : (i + 1) * 96].reshape(-1, 96)
        biggest = float(np.abs(e.get_param("E") @ part.T).max())
        assert biggest < 60000, f"embed{i}: mixed rows reach {biggest}, beyond f16"
    assert set(ner.labels) == {"PERSON", "ORG", "LOC"}, ner.labels
    return actions


def score(nlp, exs):
    """(P, R, F1 on gold tokens, F1 on blank-tokenizer tokens of the space-joined words)."""
    from spacy.tokens import Doc

    tp = fp = fn = 0
    tp2 = fp2 = fn2 = 0
    docs = (Doc(nlp.vocab, words=w) for w, _ in exs)
    texts = (" ".join(w) for w, _ in exs)
    for (words, gold), pred, pred2 in zip(exs, nlp.pipe(docs, batch_size=256), nlp.pipe(texts, batch_size=256)):
        g = set(gold)
        p = {(e.start, e.end, e.label_) for e in pred.ents}
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
        offsets, at = [], 0
        for w in words:
            offsets.append(at)
            at += len(w) + 1
        gc = {(offsets[s], offsets[e - 1] + len(words[e - 1]), label) for s, e, label in gold}
        pc = {(e.start_char, e.end_char, e.label_) for e in pred2.ents}
        tp2 += len(gc & pc)
        fp2 += len(pc - gc)
        fn2 += len(gc - pc)

    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    p, r, f = prf(tp, fp, fn)
    return p, r, f, prf(tp2, fp2, fn2)[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("lang", choices=sorted(DEFAULTS))
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out")
    ap.add_argument("--max-epochs", type=int)
    ap.add_argument("--patience", type=int, default=4000)
    ap.add_argument("--eval-frequency", type=int)
    ap.add_argument("--dropout", type=float)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scores", default="/tmp/ner-models/scores.tsv")
    ap.add_argument("--score-only", action="store_true")
    ap.add_argument("--convert-only", action="store_true")
    ap.add_argument(
        "--retokenize",
        choices=["yes", "no"],
        default="yes",
        help="re-split Europeana words with spacy.blank(lang)'s tokenizer (default yes)",
    )
    ap.add_argument(
        "--copies",
        type=int,
        help="de: copies of the GermEval training sentences; fr: of HIPE NewsEye dev (default: DEFAULTS)",
    )
    ap.add_argument("--train-minutes", type=float, default=0.0, help="with --score-only: minutes to record")
    args = ap.parse_args()
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = "1"
    import spacy

    lang = args.lang
    out = args.out or f"/tmp/ner-models/{lang}"
    corpus = os.path.join(out, "corpus")
    os.makedirs(corpus, exist_ok=True)
    max_epochs = args.max_epochs or DEFAULTS[lang]["max_epochs"]
    eval_frequency = args.eval_frequency or DEFAULTS[lang]["eval_frequency"]
    dropout = args.dropout if args.dropout is not None else DEFAULTS[lang]["dropout"]

    random.seed(args.seed)
    copies = args.copies or DEFAULTS[lang].get("copies", 1)
    train, devs = load_sets(lang, os.path.abspath(args.data), args.retokenize == "yes", copies)
    dev = devs[0][1]
    n_ents = lambda exs: sum(len(s) for _, s in exs)
    n_toks = lambda exs: sum(len(w) for w, _ in exs)
    print(
        f"{lang}: train {len(train)} sentences / {n_toks(train)} tokens / {n_ents(train)} entities; "
        f"dev {len(dev)} / {n_toks(dev)} / {n_ents(dev)}",
        flush=True,
    )
    minutes = args.train_minutes
    if not args.score_only:
        blank = spacy.blank(lang)
        to_docbin(blank, train, os.path.join(corpus, "train.spacy"))
        to_docbin(blank, dev, os.path.join(corpus, "dev.spacy"))
        cfg = os.path.join(out, "config.cfg")
        with open(cfg, "w", encoding="utf-8") as f:
            f.write(
                CONFIG.format(
                    lang=lang,
                    seed=args.seed,
                    dropout=dropout,
                    patience=args.patience,
                    max_epochs=max_epochs,
                    eval_frequency=eval_frequency,
                )
            )
        if args.convert_only:
            return
        t0 = time.time()
        cmd = [
            sys.executable, "-m", "spacy", "train", cfg,
            "--output", out,
            "--paths.train", os.path.join(corpus, "train.spacy"),
            "--paths.dev", os.path.join(corpus, "dev.spacy"),
        ]  # fmt: skip
        subprocess.run(cmd, check=True)
        minutes = (time.time() - t0) / 60
    nlp = spacy.load(os.path.join(out, "model-best"))
    actions = check_architecture(nlp)
    lines = []
    for name, exs in devs:
        p, r, f, f_tok = score(nlp, exs)
        lines.append(
            f"{lang}\t{name}\t{p:.4f}\t{r:.4f}\t{f:.4f}\t{f_tok:.4f}\t{minutes:.1f}\t"
            f"epochs={max_epochs} dropout={dropout} patience={args.patience} seed={args.seed} "
            f"retokenize={args.retokenize} copies={copies} model={out}/model-best\n"
        )
    print(f"actions: {' '.join(actions)}")
    print("lang\tset\tP\tR\tF1\tF1(blank tokenizer)\ttrain min\tsettings")
    print("".join(lines), end="")
    os.makedirs(os.path.dirname(os.path.abspath(args.scores)), exist_ok=True)
    new = not os.path.exists(args.scores)
    with open(args.scores, "a", encoding="utf-8") as fh:
        if new:
            fh.write("lang\tset\tP\tR\tF1\tF1_blank_tokenizer\ttrain_min\tsettings\n")
        fh.writelines(lines)


if __name__ == "__main__":
    main()
