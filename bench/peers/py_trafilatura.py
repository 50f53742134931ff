#!/usr/bin/env python3
"""Python trafilatura over the pages the peer benchmark hands it, timed in-process.

Called by `newsgraph-peers` once per round and mode:

    python3 py_trafilatura.py MANIFEST.json MODE OUT.json

MANIFEST.json: {"bench": "aeb"|"trafilatura"|"wcxb", "pages": [{"key", "url", "file"}]}
naming files that hold each page's raw bytes. MODE is "standard" or "fast".

It calls trafilatura as ../shared/peers/extraction_eval.py does for each set
(AEB: decoded text; trafilatura-eval: raw bytes; WCXB: bare_extraction with
metadata), so figures compare with that script's. Interpreter start-up, the
import, file reading, decoding and one warm-up page are outside the clock; the
clock is the sum over pages of perf_counter (wall) and process_time (CPU of
this process) around the extractor call. OUT.json gets the timings and every
page's body, title, author and date, keyed as the manifest keys them.
"""
import json
import sys
import time


def decode(raw):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            from trafilatura.utils import decode_file
            return decode_file(raw)
        except Exception:
            return raw.decode("utf-8", "replace")


def main():
    manifest_path, mode, out_path = sys.argv[1:4]
    import trafilatura
    from importlib.metadata import version

    manifest = json.load(open(manifest_path, encoding="utf-8"))
    bench = manifest["bench"]
    docs = []
    for page in manifest["pages"]:
        with open(page["file"], "rb") as f:
            raw = f.read()
        docs.append((page["key"], page.get("url"), raw, decode(raw)))

    kw = {"include_comments": False}
    if mode == "fast":
        kw["fast"] = True

    def extract(raw, text, url):
        if bench == "wcxb":
            d = trafilatura.bare_extraction(text, url=url, with_metadata=True, **kw)
            if d is None:
                return {"articleBody": ""}
            return {"articleBody": d.text, "title": d.title, "author": d.author, "date": d.date}
        return {"articleBody": trafilatura.extract(raw if bench == "trafilatura" else text, **kw)}

    if docs:
        extract(docs[0][2], docs[0][3], docs[0][1])  # warm-up: lazy imports, caches
    out, wall, cpu, errors = {}, 0.0, 0.0, 0
    for key, url, raw, text in docs:
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            r = extract(raw, text, url)
        except Exception as e:  # a crash is a miss, as in the benchmarks
            r = {"articleBody": "", "error": f"{type(e).__name__}: {e}"[:200]}
            errors += 1
        cpu += time.process_time() - c0
        wall += time.perf_counter() - w0
        out[key] = r
    result = {"version": version("trafilatura"), "mode": mode, "pages": len(docs), "wall_s": wall,
              "cpu_s": cpu, "errors": errors, "output": out}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
