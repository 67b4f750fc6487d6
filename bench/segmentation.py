"""Does the model tell one event's sentences from another's? Two measures.

1. From recorded answers (no model): how many answers list most of their article as one event
   (more than ``proposals.LAZY_SHARE`` of its sentences, as ``reconcile`` counts a "lazy"
   answer), and how many events each answer lists.

       python -m bench.segmentation --cassettes tests/cassettes/corpus

2. ``--probe`` (calls a model): a sentence-labelling question on corpus articles, one label per
   numbered sentence ("main", "other" incident, "none"), decoded under a JSON schema with one
   required key per sentence. The labels are compared with the gold files' evidence sentences
   (a sentence quoted for the main incident is "main", for a background incident "other",
   else "none"). Use dev articles only: the test split is scored, not read.

       python -m bench.segmentation --probe c060 c061 c084 c083 c002 c032
       python -m bench.segmentation --probe c060 --base-url http://127.0.0.1:8000/v1 -m NAME

   ``--ask-each`` asks instead one question per sentence: does it tell the same incident as
   the first gold main sentence, a different one, or none?

   ``--verdict SHAPE`` asks instead about the sentences the parse proposes as the start of
   another incident (after the lead, an act told anew: ``extraction.frames``), in one of the
   question shapes in ``VERDICTS``, after the pipeline's own system prompt and article (so a
   local model reuses the computed article): the confusion of gold label and answer.

       python -m bench.segmentation --probe c003 c010 c036 c061 c084 --verdict earlier

3. ``--pipeline DIR`` (no model): the pipeline's own segmentation, the recorded answers in DIR
   replayed through the whole pipeline, against the same gold labels, per split of the corpus
   manifest: each sentence labelled "main", "other" or "none" from the records' evidence.

       python -m bench.segmentation --pipeline tests/cassettes/corpus

Reports the label each sentence got against its gold label, the share that agree, and how
many answers gave one label to every sentence. Nothing here is used by the extractor; it is
the evidence for what the model's answer is trusted with (see the closing notes of issue 11).
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from summarizer.extraction.proposals import LAZY_SHARE
from summarizer.llm.backends import make_backend
from summarizer.reading.text import Article, load_article
from summarizer.settings import Settings

CORPUS = Path("evals/corpus")
LABELS = ["main", "other", "none"]
SYSTEM = (
    "You read a news article with numbered sentences. Some sentences tell the incident the\n"
    "article is mainly about (an attack, bomb, mine, gunfire, protest or other event that\n"
    "happened to a patrol, convoy or troops). Some tell a different incident: an earlier attack,\n"
    "one on another day or in another place. The rest tell no incident: context, reactions,\n"
    'history, plans. Label every sentence: "main" (tells the main incident), "other" (tells\n'
    'a different incident), or "none". Answer with JSON only.'
)


def answer_shapes(cassettes: Path) -> dict[str, Any]:
    """Lazy answers and events per answer, over every recorded answer in ``cassettes``."""
    lazy = answers = 0
    events: Counter[int] = Counter()
    for path in sorted(cassettes.glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        prompt = rec["request"]["messages"][-1]["content"]
        total = len(re.findall(r"^\[\d+\]", prompt, re.M))
        try:
            found = json.loads(rec["response"]["choices"][0]["message"]["content"])["events"]
        except (KeyError, TypeError, ValueError):
            continue  # not an events answer
        answers += 1
        events[len(found)] += 1
        lazy += any(len(e["sentences"]) > max(3, LAZY_SHARE * total) for e in found)
    return {"answers": answers, "lazy": lazy, "events_per_answer": dict(sorted(events.items()))}


def gold_labels(article: Article, gold: dict[str, Any]) -> dict[int, str]:
    """Each sentence's label from the gold evidence quotes (by character span): an incident's
    own evidence, its claims' and its follow-ons' (the record quotes all three)."""
    out = {s.id: "none" for s in article.sentences}
    for inc in gold["incidents"]:
        label = "main" if inc["role"] == "main" else "other"
        quotes = [
            *inc["evidence"],
            *(q for c in inc["casualty_claims"] for q in c["evidence"]),
            *(q for f in inc["follow_on"] for q in f["evidence"]),
        ]
        for q in quotes:
            for s in article.sentences:
                if q["start"] < s.end and s.start < q["end"] and out[s.id] != "main":
                    out[s.id] = label
    return out


def record_labels(article: Article, record: Any) -> dict[int, str]:
    """Each sentence's label from a record's incident evidence, as ``gold_labels`` reads gold."""
    data = record.model_dump(mode="json") if record is not None else {"incidents": []}
    return gold_labels(article, data)


def pipeline(cassettes: Path, corpus: Path = Path("evals/corpus")) -> dict[str, Any]:
    """Sentence labels of the replayed pipeline against gold, per split: agreement, and the
    recall and precision of the main and the other ("background") sentences."""
    from summarizer.api import summarize_files

    rows = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    split = {r["id"]: r["split"] for r in rows}
    files = sorted((corpus / "articles").glob("*.txt"))
    settings = Settings.resolve(replay_dir=cassettes, use_cache=False)
    counts: dict[str, Counter[tuple[str, str]]] = {"dev": Counter(), "test": Counter()}
    for path, result in zip(files, summarize_files(files, settings=settings), strict=True):
        article = load_article(path)
        gold = json.loads((corpus / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        want, got = gold_labels(article, gold), record_labels(article, result.record)
        for sid, label in want.items():
            counts[split[path.stem]][(label, got[sid])] += 1
    out: dict[str, Any] = {}
    for name, c in counts.items():
        total = sum(c.values())
        figures: dict[str, Any] = {
            "sentences": total,
            "agreement": round(sum(v for (g, p), v in c.items() if g == p) / total, 3),
        }
        for label in ("main", "other"):
            gold_n = sum(v for (g, _), v in c.items() if g == label)
            pred_n = sum(v for (_, p), v in c.items() if p == label)
            hit = c[(label, label)]
            figures[f"{label}_recall"] = round(hit / gold_n, 3) if gold_n else None
            figures[f"{label}_precision"] = round(hit / pred_n, 3) if pred_n else None
            figures[f"{label}_gold"] = gold_n
        figures["other_read_as_main"] = c[("other", "main")]
        out[name] = figures
    return out


def probe(backend: Any, model: str, article: Article) -> dict[int, str]:
    body = "\n".join(f"[{s.id}] {s.text}" for s in article.sentences)
    props = {str(s.id): {"type": "string", "enum": LABELS} for s in article.sentences}
    schema = {"type": "object", "properties": props, "required": list(props)}
    reply = backend.create(
        model=model,
        messages=[
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": "Article:\n" + body},
        ],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "labels", "schema": schema},
        },
        temperature=0.0,
        max_tokens=20 + 8 * len(props),
    )
    labels = json.loads(reply.choices[0].message.content or "{}")
    return {int(k): v for k, v in labels.items()}


ASK_SYSTEM = (
    "You read news articles about attacks and incidents involving military patrols, convoys and "
    "troops. Answer with JSON only."
)
ASK_LABELS = {"same": "main", "different": "other", "none": "none"}


def ask_each(backend: Any, model: str, article: Article, first: int) -> dict[int, str]:
    """One question per sentence: the same incident as sentence ``first``, a different one, or
    none. The article comes first and the question last, so a server that reuses the longest
    cached prefix (llama.cpp does) reads the article once."""
    body = "\n".join(f"[{s.id}] {s.text}" for s in article.sentences)
    schema = {
        "type": "object",
        "properties": {"answer": {"type": "string", "enum": list(ASK_LABELS)}},
        "required": ["answer"],
    }
    out = {}
    for s in article.sentences:
        question = (
            f"Question: does sentence [{s.id}] tell the same incident as sentence [{first}], "
            "a different incident (another attack, another day or another place), or no "
            "incident at all (context, reactions, plans)?"
        )
        reply = backend.create(
            model=model,
            messages=[
                {"role": "system", "content": ASK_SYSTEM},
                {"role": "user", "content": f"Article:\n{body}\n\n{question}"},
            ],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "answer", "schema": schema},
            },
            temperature=0.0,
            max_tokens=20,
        )
        answer = json.loads(reply.choices[0].message.content or "{}").get("answer")
        out[s.id] = ASK_LABELS.get(answer, "?")
    return out


# Question shapes for ``--verdict``: the question after the article, and the answer's values
# mapped to the gold labels. Measured with the embedded 1.5B on dev (issue 22's note).
VERDICTS: dict[str, tuple[str, dict[str, str]]] = {
    "three": (
        'QUESTION about sentence [{sid}]: "{text}"\nThe article\'s main event is told in '
        'sentences {main}.\nWhat does sentence [{sid}] tell?\n- "main": the main event itself, '
        'told again or with more detail.\n- "other": a different incident that happened to a '
        "patrol, convoy, troops or their vehicles, at another time or in another place (for "
        'example an earlier attack).\n- "none": no incident: plans, talks, history, a general '
        "statement or a reaction.",
        {"main": "main", "other": "other", "none": "none"},
    ),
    "pair": (
        "QUESTION. Two sentences of the article:\nA {main} (the main news)\n"
        'B [{sid}]: "{text}"\nDoes sentence B tell a different incident from A (another day, '
        "another place, an earlier attack), the same incident as A, or no incident at all?",
        {"other": "other", "main": "main", "none": "none"},
    ),
    "time": (
        "QUESTION. The main news of the article is in sentence(s) {main}.\n"
        'Sentence [{sid}]: "{text}"\nWhen did the event of sentence [{sid}] happen: at the same '
        "time as the main news, or before it (an earlier day, week, month or year)?",
        {"other": "other", "main": "main", "none": "none"},
    ),
    "earlier": (
        'QUESTION. Sentence [{sid}]: "{text}"\nIs sentence [{sid}] about an earlier incident '
        "(one that happened on another, earlier day than the main news of sentences {main})?",
        {"true": "other", "false": "main"},
    ),
}


def verdicts(
    backend: Any, model: str, article: Article, gold: dict[int, str], shape: str
) -> Counter:
    """The confusion (gold label, answer) over the sentences the frames propose."""
    from summarizer.extraction.evidence import in_lead
    from summarizer.extraction.extract import build_messages
    from summarizer.extraction.frames import frame

    question, values = VERDICTS[shape]
    main = ", ".join(f"[{i}]" for i, label in gold.items() if label == "main") or "[1]"
    base = build_messages(article, "task_events")
    base[-1]["content"] = base[-1]["content"].rsplit("\n\n", 1)[0]  # the article, no question
    schema = {
        "type": "object",
        "properties": {"answer": {"type": "string", "enum": list(values)}},
        "required": ["answer"],
    }
    out: Counter = Counter()
    for s in article.sentences:
        if in_lead(article, [s.id]) or not frame(s.text, None).told:
            continue
        ask = question.format(sid=s.id, text=s.text, main=main)
        messages = [base[0], {"role": "user", "content": f"{base[1]['content']}\n\n{ask}"}]
        reply = backend.create(
            model=model,
            messages=messages,
            response_format={"type": "json_schema", "json_schema": {"name": "a", "schema": schema}},
            temperature=0.0,
            max_tokens=16,
        )
        answer = json.loads(reply.choices[0].message.content or "{}").get("answer")
        out[(gold[s.id], values.get(str(answer), "?"))] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cassettes", type=Path)
    ap.add_argument("--pipeline", type=Path, metavar="CASSETTES")
    ap.add_argument("--probe", nargs="+", metavar="ARTICLE", help="corpus ids, e.g. c060")
    ap.add_argument(
        "--ask-each",
        action="store_true",
        help="ask one question per sentence (same incident as the first main sentence?) "
        "instead of one labelling question per article",
    )
    ap.add_argument("--verdict", choices=sorted(VERDICTS), help="ask about proposed breaks")
    ap.add_argument("--base-url")
    ap.add_argument("-m", "--model")
    args = ap.parse_args()
    if args.cassettes:
        print(json.dumps(answer_shapes(args.cassettes)))
    if args.pipeline:
        print(json.dumps(pipeline(args.pipeline), indent=1))
    if not args.probe:
        return
    settings = Settings.resolve(base_url=args.base_url, model=args.model, use_cache=False)
    backend = make_backend(settings)
    agree = total = uniform = 0
    confusion: Counter = Counter()
    for aid in args.probe:
        article = load_article(Path(glob.glob(str(CORPUS / "articles" / f"{aid}*"))[0]))
        gold = json.loads(Path(glob.glob(str(CORPUS / "gold" / f"{aid}*"))[0]).read_text())
        expected = gold_labels(article, gold)
        start = time.perf_counter()
        if args.verdict:
            confusion += verdicts(backend, settings.model, article, expected, args.verdict)
            continue
        if args.ask_each:
            first = next((i for i, label in expected.items() if label == "main"), 1)
            got = ask_each(backend, settings.model, article, first)
        else:
            got = probe(backend, settings.model, article)
        seconds = time.perf_counter() - start
        agree += sum(got.get(i) == label for i, label in expected.items())
        total += len(expected)
        uniform += len(set(got.values())) == 1
        print(f"{aid} ({seconds:.1f} s)")
        print("  model:", " ".join(f"{i}:{got.get(i, '?')[0]}" for i in expected))
        print("  gold: ", " ".join(f"{i}:{label[0]}" for i, label in expected.items()))
    if args.verdict:
        print(f"{args.verdict}: (gold, answer) -> count")
        for (label, answer), n in sorted(confusion.items()):
            print(f"  {label:5} {answer:5} {n}")
        return
    print(
        f"sentences agreeing with gold: {agree}/{total}; "
        f"answers with one label for every sentence: {uniform}/{len(args.probe)}"
    )


if __name__ == "__main__":
    main()
